using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace DeployLint.Cli
{
    /// <summary>
    /// JUnit XML for CI systems that show test reports (Azure Pipelines, Jenkins, GitLab): one test suite per file, one test
    /// case per deployment (a file without deployments, or one that does not parse, is one test case named after the file);
    /// an error diagnostic is a failure, warnings and notes go to system-out. Valid against Jenkins' junit-10.xsd, the
    /// strictest schema in use: the file is an attribute of the test suite, which that schema allows, not of the test case.
    /// </summary>
    internal static class JUnitReport
    {
        public static void Write(TextWriter output, IReadOnlyList<(LintResult Result, string Path)> files)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
            var sb = new StringBuilder();
            using (var w = XmlWriter.Create(new StringWriter(sb), settings))
            {
                var cases = files.Select(f => (f.Result, f.Path, Cases: Cases(f.Result))).ToList();
                w.WriteStartElement("testsuites");
                w.WriteAttributeString("name", "deploylint");
                w.WriteAttributeString("tests", cases.Sum(c => c.Cases.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteAttributeString("failures", cases.Sum(c => c.Cases.Count(x => x.Diagnostics.Any(d => d.Severity == Severity.Error))).ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var (result, path, fileCases) in cases)
                {
                    string file = path.Replace('\\', '/');
                    w.WriteStartElement("testsuite");
                    w.WriteAttributeString("name", Clean(file));
                    w.WriteAttributeString("tests", fileCases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteAttributeString("failures", fileCases.Count(x => x.Diagnostics.Any(d => d.Severity == Severity.Error)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteAttributeString("errors", "0");
                    w.WriteAttributeString("file", Clean(file));
                    foreach (var (name, diagnostics) in fileCases)
                    {
                        w.WriteStartElement("testcase");
                        w.WriteAttributeString("classname", Clean(file));
                        w.WriteAttributeString("name", Clean(name));
                        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
                        if (errors.Count > 0)
                        {
                            w.WriteStartElement("failure");
                            w.WriteAttributeString("type", errors[0].Id);
                            w.WriteAttributeString("message", Clean($"{errors.Count} error(s); first {errors[0].Id} at line {errors[0].Span.StartLine}: {errors[0].Message}"));
                            w.WriteString(Clean(string.Join("\n", errors.Select(d => Line(file, d)))));
                            w.WriteEndElement();
                        }
                        var others = diagnostics.Where(d => d.Severity != Severity.Error).ToList();
                        if (others.Count > 0) w.WriteElementString("system-out", Clean(string.Join("\n", others.Select(d => Line(file, d)))));
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            output.WriteLine(sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""));
        }

        private static List<(string Name, List<Diagnostic> Diagnostics)> Cases(LintResult result)
        {
            var cases = new List<(string, List<Diagnostic>)>();
            var claimed = new HashSet<Diagnostic>();
            foreach (var deployment in result.Deployments)
            {
                var diagnostics = deployment.Diagnostics.Where(d => !d.IsSuppressed && d.Severity != Severity.Hidden).ToList();
                foreach (var d in diagnostics) claimed.Add(d);
                cases.Add((deployment.Name.Length > 0 ? deployment.Name : "deployment", diagnostics));
            }
            var rest = result.Active.Where(d => !claimed.Contains(d)).ToList();
            if (cases.Count == 0 || rest.Count > 0) cases.Add((cases.Count == 0 ? System.IO.Path.GetFileName(result.FilePath) : "file", rest));
            return cases;
        }

        private static string Line(string file, Diagnostic d) =>
            $"{file}:{d.Span.StartLine}:{d.Span.StartColumn}: {SarifReport.Level(d.Severity)} {d.Id}: {d.Message}";

        /// <summary>XML 1.0 cannot carry most control characters; a hostile file's text must not make the report unreadable.</summary>
        private static string Clean(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text) sb.Append(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !char.IsSurrogate(c)) ? c : '?');
            return sb.ToString();
        }
    }
}
