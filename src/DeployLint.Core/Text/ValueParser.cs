using System;
using System.Globalization;

namespace DeployLint.Text
{
    /// <summary>Strict parsing of YAML plain scalars into numbers and byte sizes (culture-invariant).</summary>
    public static class ValueParser
    {
        public static bool TryParseInteger(string text, out long value, out string? problem)
        {
            value = 0;
            problem = null;
            string t = text.Trim();
            if (t.Length == 0) { problem = "empty"; return false; }
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || t.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ||
                (t.Length > 1 && t[0] == '0' && char.IsDigit(t[1])))
            {
                problem = "write integers in plain decimal (no hex, octal or leading zeros)";
                return false;
            }
            if (t.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                if (d == Math.Floor(d) && Math.Abs(d) < 9e15) { value = (long)d; return true; }
                problem = "expected a whole number";
                return false;
            }
            if (char.IsLetter(t[t.Length - 1]) && long.TryParse(t.Substring(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                problem = $"suffixes like '{t[t.Length - 1]}' are ambiguous (is 32k 32000 or 32768?); write the number, e.g. {n * 1024}";
                return false;
            }
            foreach (char c in t)
            {
                if (!(char.IsDigit(c) || c == '-' || c == '+'))
                {
                    problem = "expected a whole number";
                    return false;
                }
            }
            if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                problem = "the number does not fit in 64 bits";
                return false;
            }
            return true;
        }

        public static bool TryParseNumber(string text, out double value, out string? problem)
        {
            problem = null;
            string t = text.Trim();
            if (t.StartsWith(".", StringComparison.Ordinal) && (t.EndsWith("inf", StringComparison.OrdinalIgnoreCase) || t.EndsWith("nan", StringComparison.OrdinalIgnoreCase))
                || t.StartsWith("-.", StringComparison.Ordinal) || t.StartsWith("+.", StringComparison.Ordinal) && t.Length > 2 && char.IsLetter(t[2]))
            {
                value = 0;
                problem = "infinity and NaN are not allowed";
                return false;
            }
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || double.IsNaN(value) || double.IsInfinity(value))
            {
                problem = "expected a number";
                return false;
            }
            return true;
        }

        /// <summary>Parses <c>80GiB</c>, <c>80 GB</c>, <c>512MiB</c>, <c>85899345920</c>.</summary>
        public static bool TryParseBytes(string text, out long bytes, out string? problem)
        {
            bytes = 0;
            problem = null;
            string t = text.Trim();
            int i = 0;
            while (i < t.Length && (char.IsDigit(t[i]) || t[i] == '.')) i++;
            string number = t.Substring(0, i);
            string unit = t.Substring(i).Trim();
            if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                problem = "expected a size such as 80GiB, 80GB or 85899345920";
                return false;
            }
            double multiplier;
            switch (unit)
            {
                case "": case "B": multiplier = 1; break;
                case "KB": case "kB": multiplier = 1e3; break;
                case "MB": multiplier = 1e6; break;
                case "GB": multiplier = 1e9; break;
                case "TB": multiplier = 1e12; break;
                case "KiB": multiplier = 1024; break;
                case "MiB": multiplier = 1024.0 * 1024; break;
                case "GiB": multiplier = 1024.0 * 1024 * 1024; break;
                case "TiB": multiplier = 1024.0 * 1024 * 1024 * 1024; break;
                default:
                    problem = $"unknown unit '{unit}'; use B, KB, MB, GB, TB (powers of 10) or KiB, MiB, GiB, TiB (powers of 2)";
                    return false;
            }
            double value = n * multiplier;
            if (value > 9.0e18) { problem = "the size does not fit in 64 bits"; return false; }
            bytes = (long)Math.Round(value);
            return true;
        }
    }
}
