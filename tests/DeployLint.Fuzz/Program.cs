using System;
using System.IO;
using System.Linq;
using System.Text;
using DeployLint.Plans;
using SharpFuzz;

namespace DeployLint.Fuzz
{
    /// <summary>
    /// Coverage-guided fuzz targets (SharpFuzz + AFL++) for each reader and everything behind it. A finding is an
    /// exception or a DPL0017 internal error. <c>DeployLint.Fuzz TARGET</c> runs under afl-fuzz; <c>DeployLint.Fuzz TARGET FILE...</c>
    /// replays inputs without AFL. See README.md beside this file.
    /// </summary>
    public static class Program
    {
        public static readonly string[] Targets = { "manifest", "kubernetes", "engine-args", "config-json" };

        public static int Main(string[] args)
        {
            string target = args.Length > 0 ? args[0] : "manifest";
            Action<byte[]>? run = target switch
            {
                "manifest" => input => Check(Linter.LintBytes(input, "fuzz.deploy.yaml")),
                "kubernetes" => input => Check(Linter.LintBytes(input, "fuzz.yaml")),
                "engine-args" => EngineArguments,
                "config-json" => ConfigJson,
                _ => null,
            };
            if (run == null)
            {
                Console.Error.WriteLine($"unknown target '{target}'; targets: {string.Join(", ", Targets)}");
                return 2;
            }
            if (args.Length > 1)
            {
                foreach (var file in args.Skip(1)) run(File.ReadAllBytes(file));
                return 0;
            }
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                run(memory.ToArray());
            });
            return 0;
        }

        private static void Check(LintResult result)
        {
            var internalError = result.Diagnostics.FirstOrDefault(d => d.Id == "DPL0017");
            if (internalError != null) throw new InvalidOperationException(internalError.ToString());
        }

        /// <summary>The input is the script of a container's <c>sh -c</c>: shell words, expansion, engine flags.</summary>
        private static void EngineArguments(byte[] input)
        {
            string script = Encoding.UTF8.GetString(input);
            string pod = "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { deploylint.io/gpu: H100-SXM-80GB } }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai\n" +
                "      env: [{ name: MODEL, value: meta-llama/Llama-3.1-8B-Instruct }, { name: TP, value: \"2\" }]\n" +
                "      command: [sh, -c, " + JsonString(script) + "]\n      resources: { limits: { nvidia.com/gpu: 2 } }\n";
            Check(Linter.Lint(pod, "fuzz.yaml"));
        }

        /// <summary>The input is a model's config.json, referenced by a manifest.</summary>
        private static void ConfigJson(byte[] input)
        {
            string config = Encoding.UTF8.GetString(input);
            const string Manifest = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { config: config.json }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism: { tensor: 2 }\n";
            Check(Linter.Lint(Manifest, "fuzz.deploy.yaml", new LintOptions { Files = new OneFile(config) }));
        }

        private static string JsonString(string text)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in text)
            {
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4"));
                else sb.Append(c);
            }
            return sb.Append('"').ToString();
        }

        private sealed class OneFile : IFileResolver
        {
            private readonly string _text;

            public OneFile(string text) { _text = text; }

            public bool TryRead(string manifestPath, string relativePath, out string text, out string resolvedPath, out string problem)
            {
                text = _text;
                resolvedPath = relativePath;
                problem = "";
                return relativePath == "config.json";
            }
        }
    }
}
