using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DeployLint.Yaml
{
    public enum YamlProblemKind
    {
        Syntax,
        DuplicateKey,
        ComplexKey,
        LimitExceeded,
        ControlCharacter,
    }

    public sealed class YamlProblem
    {
        public YamlProblem(YamlProblemKind kind, string message, SourceSpan span)
        {
            Kind = kind;
            Message = message;
            Span = span;
        }

        public YamlProblemKind Kind { get; }
        public string Message { get; }
        public SourceSpan Span { get; }
    }

    public sealed class YamlReadLimits
    {
        public static readonly YamlReadLimits Default = new YamlReadLimits();

        public int MaxDepth { get; set; } = 64;
        public long MaxNodesPerDocument { get; set; } = 100_000;
        public int MaxDocuments { get; set; } = 256;
        public int MaxScalarLength { get; set; } = 64 * 1024;
    }

    public sealed class YamlReadResult
    {
        public YamlReadResult(IReadOnlyList<YDocument> documents, IReadOnlyList<YamlProblem> problems)
        {
            Documents = documents;
            Problems = problems;
        }

        public IReadOnlyList<YDocument> Documents { get; }
        public IReadOnlyList<YamlProblem> Problems { get; }
    }

    /// <summary>
    /// Builds <see cref="YNode"/> trees from YamlDotNet's event stream. Aliases share the anchored node
    /// (nothing is copied), every node knows its expanded size, and the reader stops at the first syntax
    /// error or limit, keeping the documents completed before it.
    /// </summary>
    public static class YamlTreeReader
    {
        /// <summary>Repeated problems (duplicate keys, complex keys) stop being listed after this many.</summary>
        public const int MaxReportedProblems = 100;

        public static YamlReadResult Read(string text, YamlReadLimits? limits = null)
        {
            limits ??= YamlReadLimits.Default;
            var documents = new List<YDocument>();
            var problems = new List<YamlProblem>();
            var scanner = new Scanner(new StringReader(text), skipComments: true);
            var openFlows = new List<SourceSpan>();
            try
            {
                var parser = new Parser(scanner);
                ReadStream(parser, limits, documents, problems, openFlows);
            }
            catch (YamlException ex)
            {
                bool located = ex.Start.Line > 0 && !(ex.Start.Line == 1 && ex.Start.Column == 1 && scanner.CurrentPosition.Line > 1);
                var span = located ? SpanOf(ex.Start, ex.End) : SpanOf(scanner.CurrentPosition, scanner.CurrentPosition);
                problems.Add(new YamlProblem(YamlProblemKind.Syntax, CleanMessage(ex.Message), span));
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // YamlDotNet's scanner sometimes fails with a bare exception (e.g. an unclosed flow mapping); report where it stopped.
                var at = scanner.CurrentPosition;
                string message = openFlows.Count > 0
                    ? $"cannot parse the YAML here; the flow collection opened at line {openFlows[openFlows.Count - 1].StartLine}, column {openFlows[openFlows.Count - 1].StartColumn} is not closed"
                    : "cannot parse the YAML here (" + ex.Message.TrimEnd('.') + ")";
                problems.Add(new YamlProblem(YamlProblemKind.Syntax, message, SpanOf(at, at)));
            }
            return new YamlReadResult(documents, problems);
        }

        private sealed class Frame
        {
            public Frame(YNode node) { Node = node; }
            public YNode Node { get; }
            public YScalar? PendingKey { get; set; }
            public HashSet<string>? Keys { get; set; }
            public long Weight { get; set; } = 1;
        }

        private sealed class StopReading : Exception { }

        /// <summary>The first C0 control character other than tab, line feed and carriage return (or DEL); -1 when none.</summary>
        private static int ControlCharacterIndex(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == '\u007f') return i;
            }
            return -1;
        }

        private static void ReadStream(IParser parser, YamlReadLimits limits, List<YDocument> documents, List<YamlProblem> problems, List<SourceSpan> openFlows)
        {
            var stack = new List<Frame>();
            var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
            YNode? root = null;
            Mark documentStart = Mark.Empty;
            try
            {
                while (parser.MoveNext())
                {
                    var ev = parser.Current!;
                    switch (ev)
                    {
                        case DocumentStart ds:
                            if (documents.Count >= limits.MaxDocuments)
                            {
                                problems.Add(new YamlProblem(YamlProblemKind.LimitExceeded,
                                    $"the file has more than {limits.MaxDocuments} YAML documents; the rest is not read", SpanOf(ds.Start, ds.End)));
                                return;
                            }
                            anchors.Clear();
                            root = null;
                            documentStart = ds.Start;
                            break;
                        case DocumentEnd de:
                            documents.Add(new YDocument(root, SpanOf(documentStart, de.End), documents.Count));
                            break;
                        case Scalar sc:
                            if (sc.Value.Length > limits.MaxScalarLength)
                            {
                                problems.Add(new YamlProblem(YamlProblemKind.LimitExceeded,
                                    $"a value of {sc.Value.Length} characters exceeds the limit of {limits.MaxScalarLength}", SpanOf(sc.Start, sc.End)));
                                throw new StopReading();
                            }
                            int control = ControlCharacterIndex(sc.Value);
                            if (control >= 0)
                            {
                                problems.Add(new YamlProblem(YamlProblemKind.ControlCharacter,
                                    $"the value holds the control character U+{(int)sc.Value[control]:X4}, which no deployment value contains; remove it", SpanOf(sc.Start, sc.End)));
                            }
                            var scalar = new YScalar(sc.Value, sc.Style == ScalarStyle.Plain, SpanOf(sc.Start, sc.End));
                            Remember(anchors, sc.Anchor, scalar);
                            Attach(stack, scalar, 1, ref root, problems, limits);
                            break;
                        case AnchorAlias alias:
                            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            {
                                problems.Add(new YamlProblem(YamlProblemKind.Syntax, $"alias *{alias.Value.Value} names no anchor defined before it", SpanOf(alias.Start, alias.End)));
                                throw new StopReading();
                            }
                            Attach(stack, target, target.Weight, ref root, problems, limits);
                            break;
                        case MappingStart ms:
                            Push(stack, new YMapping(SpanOf(ms.Start, ms.End)), ms.Anchor, anchors, limits, problems, ms.Start, ms.End);
                            if (ms.Style == MappingStyle.Flow) openFlows.Add(SpanOf(ms.Start, ms.End));
                            break;
                        case SequenceStart ss:
                            Push(stack, new YSequence(SpanOf(ss.Start, ss.End)), ss.Anchor, anchors, limits, problems, ss.Start, ss.End);
                            if (ss.Style == SequenceStyle.Flow) openFlows.Add(SpanOf(ss.Start, ss.End));
                            break;
                        case MappingEnd _:
                        case SequenceEnd _:
                            if (openFlows.Count > 0 && ev.Start.Line >= openFlows[openFlows.Count - 1].StartLine && IsFlowEnd(ev)) openFlows.RemoveAt(openFlows.Count - 1);
                            var frame = stack[stack.Count - 1];
                            stack.RemoveAt(stack.Count - 1);
                            frame.Node.Weight = frame.Weight;
                            if (frame.PendingKey != null)
                            {
                                // A key with no value cannot happen in well-formed event streams; be safe.
                                frame.PendingKey = null;
                            }
                            Attach(stack, frame.Node, frame.Weight, ref root, problems, limits);
                            break;
                    }
                }
            }
            catch (StopReading)
            {
            }
        }

        private static bool IsFlowEnd(ParsingEvent ev) => ev.End.Index - ev.Start.Index == 1;

        private static void Push(List<Frame> stack, YNode node, AnchorName anchor, Dictionary<string, YNode> anchors,
            YamlReadLimits limits, List<YamlProblem> problems, Mark start, Mark end)
        {
            if (stack.Count >= limits.MaxDepth)
            {
                problems.Add(new YamlProblem(YamlProblemKind.LimitExceeded, $"nesting deeper than {limits.MaxDepth} levels", SpanOf(start, end)));
                throw new StopReading();
            }
            Remember(anchors, anchor, node);
            stack.Add(new Frame(node));
        }

        private static void Remember(Dictionary<string, YNode> anchors, AnchorName anchor, YNode node)
        {
            if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        }

        private static void Attach(List<Frame> stack, YNode node, long weight, ref YNode? root, List<YamlProblem> problems,
            YamlReadLimits limits)
        {
            if (stack.Count == 0)
            {
                root = node;
                if (weight > limits.MaxNodesPerDocument) ReportTooLarge(node, problems, limits);
                return;
            }
            var parent = stack[stack.Count - 1];
            parent.Weight = Math.Min(long.MaxValue / 4, parent.Weight + weight);
            if (parent.Weight > limits.MaxNodesPerDocument)
            {
                ReportTooLarge(node, problems, limits);
            }
            switch (parent.Node)
            {
                case YSequence seq:
                    seq.Add(node);
                    break;
                case YMapping map:
                    if (parent.PendingKey == null)
                    {
                        if (node is YScalar key)
                        {
                            parent.PendingKey = key;
                        }
                        else
                        {
                            problems.Add(new YamlProblem(YamlProblemKind.ComplexKey, $"a {node.KindName} cannot be a key here; keys are plain names", node.Span));
                            parent.PendingKey = new YScalar("", true, node.Span);
                        }
                    }
                    else
                    {
                        var key = parent.PendingKey;
                        parent.PendingKey = null;
                        parent.Keys ??= new HashSet<string>(StringComparer.Ordinal);
                        if (!parent.Keys.Add(key.Value))
                        {
                            if (problems.Count >= MaxReportedProblems) break;
                            problems.Add(new YamlProblem(YamlProblemKind.DuplicateKey,
                                $"key '{key.Value}' appears twice in this mapping; YAML loaders keep only one of them silently", key.Span));
                        }
                        else
                        {
                            map.Add(key, node);
                        }
                    }
                    break;
            }
        }

        private static void ReportTooLarge(YNode node, List<YamlProblem> problems, YamlReadLimits limits)
        {
            problems.Add(new YamlProblem(YamlProblemKind.LimitExceeded,
                $"the document expands to more than {Units.Count(limits.MaxNodesPerDocument)} nodes (aliases counted at every use); is this an alias bomb?", node.Span));
            throw new StopReading();
        }

        private static SourceSpan SpanOf(Mark start, Mark end)
        {
            int sl = Math.Max(1, (int)Math.Min(int.MaxValue, start.Line));
            int sc = Math.Max(1, (int)Math.Min(int.MaxValue, start.Column));
            int el = Math.Max(sl, (int)Math.Min(int.MaxValue, end.Line));
            int ec = (int)Math.Min(int.MaxValue, end.Column);
            if (el == sl && ec <= sc) ec = sc + 1;
            return new SourceSpan(sl, sc, el, ec);
        }

        private static string CleanMessage(string message)
        {
            // YamlDotNet prefixes "(Line: x, Col: y, Idx: z) - (Line: ...): "; the span carries that already.
            int i = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && i > 0) message = message.Substring(i + 3);
            return message.TrimEnd('.');
        }
    }
}
