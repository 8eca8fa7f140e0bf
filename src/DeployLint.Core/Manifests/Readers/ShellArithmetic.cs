using System;
using System.Collections.Generic;
using System.Globalization;

namespace DeployLint.Manifests.Readers
{
    /// <summary>
    /// POSIX shell arithmetic expansion, <c>$((LWS_GROUP_SIZE * DP_SIZE_LOCAL))</c>: 64-bit integers, variables by name or
    /// as <c>$VAR</c> / <c>${VAR}</c>, unary + - ~ !, * / %, + -, &lt;&lt; &gt;&gt;, &lt; &lt;= &gt; &gt;=, == !=, &amp; ^ |, &amp;&amp; ||, parentheses.
    /// A variable the file does not define is not taken as 0 (as sh would): the result is unknown, so no guess changes a verdict.
    /// </summary>
    public static class ShellArithmetic
    {
        private const int MaxLength = 1024;
        private const int MaxDepth = 64;

        /// <summary>The value, or null with the name of the first undefined variable (or "" for an expression sh would reject).</summary>
        public static long? Evaluate(string expression, IReadOnlyDictionary<string, string> env, out string? undefined)
        {
            undefined = null;
            if (expression.Length > MaxLength)
            {
                undefined = "";
                return null;
            }
            var parser = new Parser(expression, env);
            try
            {
                long value = parser.Ternary();
                parser.SkipSpaces();
                if (parser.AtEnd) return value;
                undefined = "";
                return null;
            }
            catch (UndefinedVariable ex)
            {
                undefined = ex.Name;
                return null;
            }
            catch (Exception ex) when (ex is FormatException || ex is DivideByZeroException || ex is OverflowException || ex is InvalidOperationException)
            {
                undefined = "";
                return null;
            }
        }

        private sealed class UndefinedVariable : Exception
        {
            public UndefinedVariable(string name) { Name = name; }
            public string Name { get; }
        }

        private sealed class Parser
        {
            private readonly string _text;
            private readonly IReadOnlyDictionary<string, string> _env;
            private int _at;
            private int _depth;

            public Parser(string text, IReadOnlyDictionary<string, string> env)
            {
                _text = text;
                _env = env;
            }

            public bool AtEnd => _at >= _text.Length;

            public void SkipSpaces()
            {
                while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
            }

            private bool Take(string op)
            {
                SkipSpaces();
                if (string.CompareOrdinal(_text, _at, op, 0, op.Length) != 0) return false;
                // '<' is not '<<' or '<=', '&' is not '&&', '|' not '||', '=' of '==' only.
                if (op.Length == 1 && _at + 1 < _text.Length && "<>&|=".IndexOf(op[0]) >= 0 && (_text[_at + 1] == op[0] || _text[_at + 1] == '=')) return false;
                if (op == "!" && _at + 1 < _text.Length && _text[_at + 1] == '=') return false;
                _at += op.Length;
                return true;
            }

            public long Ternary()
            {
                if (++_depth > MaxDepth) throw new InvalidOperationException("too deep");
                long condition = Binary(0);
                if (Take("?"))
                {
                    long yes = Ternary();
                    if (!Take(":")) throw new FormatException("':' expected");
                    long no = Ternary();
                    condition = condition != 0 ? yes : no;
                }
                _depth--;
                return condition;
            }

            private static readonly string[][] Levels =
            {
                new[] { "||" }, new[] { "&&" }, new[] { "|" }, new[] { "^" }, new[] { "&" }, new[] { "==", "!=" },
                new[] { "<=", ">=", "<", ">" }, new[] { "<<", ">>" }, new[] { "+", "-" }, new[] { "*", "/", "%" },
            };

            private long Binary(int level)
            {
                if (level == Levels.Length) return Unary();
                long left = Binary(level + 1);
                while (true)
                {
                    string? op = null;
                    foreach (var candidate in Levels[level])
                    {
                        if (Take(candidate))
                        {
                            op = candidate;
                            break;
                        }
                    }
                    if (op == null) return left;
                    long right = Binary(level + 1);
                    left = Apply(op, left, right);
                }
            }

            private static long Apply(string op, long a, long b) => op switch
            {
                "||" => a != 0 || b != 0 ? 1 : 0,
                "&&" => a != 0 && b != 0 ? 1 : 0,
                "|" => a | b,
                "^" => a ^ b,
                "&" => a & b,
                "==" => a == b ? 1 : 0,
                "!=" => a != b ? 1 : 0,
                "<=" => a <= b ? 1 : 0,
                ">=" => a >= b ? 1 : 0,
                "<" => a < b ? 1 : 0,
                ">" => a > b ? 1 : 0,
                "<<" => b < 0 || b > 63 ? throw new OverflowException() : a << (int)b,
                ">>" => b < 0 || b > 63 ? throw new OverflowException() : a >> (int)b,
                "+" => checked(a + b),
                "-" => checked(a - b),
                "*" => checked(a * b),
                "/" => b == 0 ? throw new DivideByZeroException() : a / b,
                _ => b == 0 ? throw new DivideByZeroException() : a % b,
            };

            private long Unary()
            {
                if (++_depth > MaxDepth) throw new InvalidOperationException("too deep");
                long result;
                if (Take("-")) result = checked(-Unary());
                else if (Take("+")) result = Unary();
                else if (Take("~")) result = ~Unary();
                else if (Take("!")) result = Unary() == 0 ? 1 : 0;
                else result = Primary();
                _depth--;
                return result;
            }

            private long Primary()
            {
                SkipSpaces();
                if (Take("("))
                {
                    long inner = Ternary();
                    if (!Take(")")) throw new FormatException("')' expected");
                    return inner;
                }
                if (_at >= _text.Length) throw new FormatException("operand expected");
                char c = _text[_at];
                if (char.IsDigit(c)) return Number();
                if (c == '$')
                {
                    _at++;
                    bool braced = _at < _text.Length && _text[_at] == '{';
                    if (braced) _at++;
                    string name = Name();
                    if (braced && !Take("}")) throw new FormatException("'}' expected");
                    return Variable(name);
                }
                if (char.IsLetter(c) || c == '_') return Variable(Name());
                throw new FormatException("operand expected");
            }

            private string Name()
            {
                int start = _at;
                while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_')) _at++;
                if (_at == start) throw new FormatException("name expected");
                return _text.Substring(start, _at - start);
            }

            private long Number()
            {
                int start = _at;
                while (_at < _text.Length && char.IsLetterOrDigit(_text[_at])) _at++;
                return Parse(_text.Substring(start, _at - start));
            }

            private long Variable(string name)
            {
                if (!_env.TryGetValue(name, out var value)) throw new UndefinedVariable(name);
                value = value.Trim();
                if (value.Length == 0) throw new UndefinedVariable(name);
                return Parse(value);
            }

            private static long Parse(string literal)
            {
                if (literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                {
                    return long.Parse(literal.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                }
                if (literal.Length > 1 && literal[0] == '0') return Convert.ToInt64(literal, 8);
                return long.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }
        }
    }
}
