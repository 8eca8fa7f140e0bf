using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DeployLint.Testing
{
    /// <summary>
    /// Hostile and broken manifests (issue: never crash, hang or escape). Linked into the Core, CLI, task and analyzer
    /// tests, so the same inputs go through every adapter. Each case must yield at least one diagnostic.
    /// </summary>
    internal static class HostileCorpus
    {
        private const string Head = "apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\n";
        private const string Body = "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\n";

        public static IEnumerable<(string Name, byte[] Bytes)> Cases()
        {
            var u = new UTF8Encoding(false);
            byte[] T(string s) => u.GetBytes(s);
            var random = new Random(11);
            var binary = new byte[4096];
            random.NextBytes(binary);

            yield return ("empty", Array.Empty<byte>());
            yield return ("whitespace-only", T("   \n\n  \n"));
            yield return ("comments-only", T("# nothing here\n# at all\n"));
            yield return ("bom-only", new byte[] { 0xEF, 0xBB, 0xBF });
            yield return ("bom-and-bad-key", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(T(Head + Body + "bogus: 1\n")).ToArray());
            yield return ("utf16-le", new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(Head + Body)).ToArray());
            yield return ("invalid-utf8", T("apiVersion: deploylint/v1\nname: ").Concat(new byte[] { 0xC3, 0x28, 0xA0, 0xA1 }).ToArray());
            yield return ("binary", binary);
            yield return ("nul-bytes", T("apiVersion: deploy\0lint/v1\nkind: \0\0\n"));
            yield return ("tab-indentation", T(Head + "model:\n\tid: x\n"));
            yield return ("crlf-bad-key", T((Head + Body + "bogus: 1\n").Replace("\n", "\r\n")));
            yield return ("cr-only", T((Head + Body + "bogus: 1\n").Replace("\n", "\r")));
            yield return ("alias-bomb", T(BillionLaughs()));
            yield return ("deep-flow-nesting", T(new string('[', 10000) + new string(']', 10000)));
            yield return ("deep-block-nesting", T(string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "k" + i + ":\n")) + new string(' ', 400) + "v\n"));
            yield return ("thousand-documents", T(string.Concat(Enumerable.Repeat("---\n" + Head + Body, 1000))));
            yield return ("huge-scalar", T(Head + "model: { id: " + new string('a', 100_000) + " }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("five-megabytes", T("a: " + new string('x', 5 * 1024 * 1024) + "\n"));
            yield return ("duplicate-keys", T(Head + Body + "name: y\n"));
            yield return ("complex-key", T(Head + Body + "? [a, b]\n: c\n"));
            yield return ("undefined-alias", T(Head + "model: *nowhere\n" + "hardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("custom-tags", T(Head + "model: !!binary aGVsbG8=\nhardware: !custom { gpu: H100-SXM-80GB }\n"));
            yield return ("merge-key", T("base: &b { gpu: H100-SXM-80GB }\n" + Head + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { <<: *b }\n"));
            foreach (var number in new[] { "0x10", "0o17", "017", ".inf", "-.inf", ".nan", "1e308", "99999999999999999999", "-1", "0", "1.5", "32k", "true", "\"8\"" })
            {
                yield return ("tensor-" + number.Trim('"'), T(Head + Body + "parallelism: { tensor: " + number + " }\n"));
            }
            yield return ("gmu-nan", T(Head + Body + "serving: { gpuMemoryUtilization: .NaN }\n"));
            yield return ("maxmodellen-1e100", T(Head + Body + "serving: { maxModelLen: 1e100 }\n"));
            yield return ("gpu-is-a-list", T(Head + "model: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: [H100, A100] }\n"));
            yield return ("model-is-a-scalar", T(Head + "model: meta-llama/Llama-3.1-8B-Instruct\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("api-version-number", T("apiVersion: 1\nkind: InferenceDeployment\nname: x\n" + Body));
            yield return ("confusable-key", T(Head + Body + "parallelism: { t\u0435nsor: 2 }\n"));
            yield return ("bidi-override-name", T("apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: \"\u202Eevil\u202C\"\nmodel: { id: \"nope\u202E\" }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("ansi-escape-model", T(Head + "model: { id: \"\\e[31mred\\e]0;title\\a\" }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("workflow-command-model", T(Head + "model: { id: \"x::error file=a::pwned%0A::warning::b\" }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("one-megabyte-line", T(Head + "model: { id: x }" + new string(' ', 1024 * 1024) + "\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("valid-then-broken-document", T(Head + Body + "---\n" + Head + "model: [\n"));
            yield return ("config-absolute-path", T(Head + "model: { config: /etc/passwd }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("config-escapes-root", T(Head + "model: { config: ../../../../etc/passwd }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("config-environment-variable", T(Head + "model: { config: \"${HOME}/.ssh/config.json\" }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("config-is-a-directory", T(Head + "model: { config: . }\nhardware: { gpu: H100-SXM-80GB }\n"));
            yield return ("separators-only", T("---\n---\n---\n...\n"));
            yield return ("ten-thousand-unknown-keys", T(Head + Body + string.Concat(Enumerable.Range(0, 10000).Select(i => "k" + i + ": " + i + "\n"))));
            yield return ("broken-surrogate-escape", T(Head + "model: { id: \"\\ud800x\" }\nhardware: { gpu: H100-SXM-80GB }\n"));
            const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: v\n      image: vllm/vllm-openai\n";
            yield return ("k8s-huge-shell-script", T(Pod + "      command: [sh, -c, \"vllm serve meta-llama/Llama-3.1-8B-Instruct " + string.Concat(Enumerable.Range(0, 3000).Select(i => "--x" + i + " 'v " + i + "' ")) + "\"]\n"));
            yield return ("k8s-four-thousand-args", T(Pod + "      args: [" + string.Join(", ", Enumerable.Range(0, 4000).Select(i => "--tensor-parallel-size, \"" + (i % 7 + 1) + "\"")) + "]\n"));
            yield return ("k8s-unbalanced-quotes", T(Pod + "      command: [sh, -c, \"vllm serve 'meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size 2 \\\\\"]\n"));
            yield return ("k8s-self-referencing-env", T(Pod + "      args: [--model, \"$(A)\", --max-model-len, \"$(B)\"]\n      env: [{ name: A, value: \"$(B)\" }, { name: B, value: \"$(A)\" }]\n"));
            yield return ("k8s-tp-20-digits", T(Pod + "      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --tensor-parallel-size, \"99999999999999999999\"]\n"));
            yield return ("k8s-gpu-limit-absurd", T(Pod + "      args: [--model, meta-llama/Llama-3.1-8B-Instruct]\n      resources: { limits: { nvidia.com/gpu: 1e300 } }\n"));
            yield return ("lws-size-negative", T("apiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata: { name: l }\nspec:\n  leaderWorkerTemplate:\n    size: -5\n    workerTemplate:\n      spec:\n        containers: [{ name: v, image: vllm/vllm-openai, args: [--model, meta-llama/Llama-3.1-8B-Instruct] }]\n"));
            yield return ("dynamo-services-is-a-list", T("apiVersion: nvidia.com/v1alpha1\nkind: DynamoGraphDeployment\nmetadata: { name: d }\nspec:\n  services: [a, b]\n"));
            yield return ("compose-command-is-a-mapping", T("services:\n  x:\n    image: vllm/vllm-openai\n    command: { a: b }\n"));
            yield return ("helm-model-spec-scalars", T("servingEngineSpec:\n  modelSpec: [1, 2, { name: x, modelURL: [a], requestGPU: -3, vllmConfig: 7 }]\n"));
            string sixtyThousand = new string('x', 60_000);
            yield return ("k8s-expansion-bomb", T(Pod + "      env: [{ name: A, value: \"" + sixtyThousand + "\" }]\n      args: [--model, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, \"" + string.Concat(Enumerable.Repeat("$(A)", 16_000)) + "\"]\n"));
            yield return ("k8s-expansion-bomb-many-args", T(Pod + "      env: [{ name: A, value: \"" + sixtyThousand + "\" }]\n      args: [--model, meta-llama/Llama-3.1-8B-Instruct, " + string.Join(", ", Enumerable.Repeat("--max-model-len, \"$(A)\"", 3000)) + "]\n"));
            yield return ("k8s-shell-expansion-bomb", T(Pod + "      env: [{ name: A, value: \"" + sixtyThousand + "\" }]\n      command: [sh, -c, \"vllm serve meta-llama/Llama-3.1-8B-Instruct " + string.Concat(Enumerable.Repeat("--max-model-len ${A}${A} ", 2000)) + "\"]\n"));
            yield return ("k8s-nul-in-model", T(Pod + "      args: [--model, \"meta-llama/Llama\\0-3.1-8B-Instruct\", --tensor-parallel-size, \"1\"]\n"));
            yield return ("k8s-control-characters-in-args", T(Pod + "      args: [--model, \"meta-llama/Llama-3.1-8B-Instruct\\x1b[2J\", --tensor-parallel-size, \"\\x07 1\"]\n"));
            yield return ("control-character-gpu", T("apiVersion: deploylint/v1\nkind: InferenceDeployment\nname: x\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: \"H100-SXM-80GB\\b\\b\" }\n"));
            yield return ("k8s-arithmetic-nesting", T(Pod + "      command: [sh, -c, \"vllm serve meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size $((" + new string('(', 5000) + "1" + new string(')', 5000) + "))\"]\n"));
            yield return ("k8s-arithmetic-overflow", T(Pod + "      env: [{ name: A, value: \"9223372036854775807\" }]\n      command: [sh, -c, \"vllm serve meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size $((A * A + 1 / 0 % 0))\"]\n"));
            yield return ("configmap-engine-file-broken", T("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  e.yaml: |\n    tensor_parallel_size: [\n    max_batch_size: *x\n---\n" + Pod.Replace("image: vllm/vllm-openai", "image: nvcr.io/nvidia/tensorrt-llm/release:1.0.0") +
                "      command: [trtllm-serve, meta-llama/Llama-3.1-8B-Instruct, --extra_llm_api_options, /c/e.yaml]\n      volumeMounts: [{ name: v, mountPath: /c }]\n  volumes: [{ name: v, configMap: { name: c } }]\n"));
            yield return ("configmap-engine-file-self-mount", T("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  e.yaml: \"" + new string('{', 3000) + "\"\n---\n" + Pod +
                "      command: [vllm, serve, meta-llama/Llama-3.1-8B-Instruct, --config, /c/e.yaml]\n      volumeMounts: [{ name: v, mountPath: /c/e.yaml, subPath: e.yaml }, { name: v, mountPath: /c }]\n  volumes: [{ name: v, configMap: { name: c } }, { name: v, configMap: { name: c } }]\n"));
            yield return ("ray-cluster-absurd-replicas", T("apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: { name: r }\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers: [{ name: h, image: vllm/vllm-openai, command: [sh, -c, \"vllm serve meta-llama/Llama-3.1-8B-Instruct --distributed-executor-backend ray\"] }]\n" +
                "  workerGroupSpecs:\n    - { replicas: 99999999999, template: { spec: { containers: [{ name: w, resources: { limits: { nvidia.com/gpu: 8 } } }] } } }\n    - { replicas: -3, template: { spec: { containers: [{ name: w, resources: { limits: { nvidia.com/gpu: 4 } } }] } } }\n"));
            yield return ("deploylint-placeholder-key-bomb", T(string.Concat(Enumerable.Range(0, 2000).Select(i => "k" + i + ": {{V" + i + "}}\n"))));
            yield return ("json-with-trailing-garbage", T("{\"apiVersion\": \"deploylint/v1\", \"kind\": \"InferenceDeployment\"} }}}"));
        }

        private static string BillionLaughs()
        {
            var sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            string previous = "a";
            foreach (var name in new[] { "b", "c", "d", "e", "f", "g", "h", "i" })
            {
                sb.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
                previous = name;
            }
            return sb.ToString();
        }
    }
}
