using System;
using System.Linq;
using CsCheck;
using DeployLint.Catalog;
using Xunit;

namespace DeployLint.Core.Tests.Robustness
{
    /// <summary>Estimate invariants over generated plans (CsCheck; 2,000 cases per property, 10,000+ in all).</summary>
    public class PropertyTests
    {
        private const long Iterations = 2_000;

        private static readonly string[] Models = HardwareCatalog.BuiltIn.Models.Select(m => m.Id).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        private static readonly string[] Gpus = { "A100-SXM-80GB", "H100-SXM-80GB", "H200-SXM-141GB", "L40S-48GB", "B200-180GB", "MI300X-192GB" };

        private static string Manifest(string model, string gpu, int tp, int pp, int ep, double gmu, int maxLen, string engine = "vllm") =>
            Lint.Header + $"model: {{ id: {model} }}\nhardware: {{ gpu: {gpu}, nodes: 1, gpusPerNode: {tp * pp} }}\nparallelism: {{ tensor: {tp}, pipeline: {pp}, expert: {ep} }}\n" +
            $"serving: {{ engine: {engine}, gpuMemoryUtilization: {gmu.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}, maxModelLen: {maxLen} }}\n";

        private static readonly Gen<(string Model, string Gpu, int Tp, int Pp, double Gmu, int MaxLen)> Plans =
            Gen.Select(Gen.Int[0, Models.Length - 1], Gen.Int[0, Gpus.Length - 1], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[50, 97], Gen.Int[1, 64])
               .Select(x => (Models[x.Item1], Gpus[x.Item2], 1 << x.Item3, 1 << x.Item4, x.Item5 / 100.0, x.Item6 * 1024));

        private static DeployLint.Estimation.MemoryEstimate? Memory(string yaml) => Lint.Text(yaml).Deployments.Single().Memory;

        [Fact]
        public void Weights_per_gpu_never_grow_when_tp_or_pp_doubles()
        {
            Plans.Sample(p =>
            {
                var baseline = Memory(Manifest(p.Model, p.Gpu, p.Tp, p.Pp, 1, p.Gmu, p.MaxLen))!.WeightsBytes;
                var wider = Memory(Manifest(p.Model, p.Gpu, p.Tp * 2, p.Pp, 1, p.Gmu, p.MaxLen))!.WeightsBytes;
                var deeper = Memory(Manifest(p.Model, p.Gpu, p.Tp, p.Pp * 2, 1, p.Gmu, p.MaxLen))!.WeightsBytes;
                return wider <= baseline && deeper <= baseline;
            }, iter: Iterations);
        }

        [Fact]
        public void Weights_per_gpu_never_grow_when_ep_doubles()
        {
            var moe = Models.Where(m => HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel(m)!).Architecture!.Moe != null).ToArray();
            Gen.Select(Gen.Int[0, moe.Length - 1], Gen.Int[1, 3]).Sample(x =>
            {
                int tp = 1 << x.Item2;
                // Experts that do not divide over EP are refused (DPL4004); Qwen1.5-MoE's 60 do not divide by 8.
                if (HardwareCatalog.BuiltIn.ArchitectureOf(HardwareCatalog.BuiltIn.FindModel(moe[x.Item1])!).Architecture!.Moe!.RoutedExperts % tp != 0) return true;
                var one = Memory(Manifest(moe[x.Item1], "H200-SXM-141GB", tp, 1, 1, 0.9, 4096))!.WeightsBytes;
                var half = Memory(Manifest(moe[x.Item1], "H200-SXM-141GB", tp, 1, tp / 2, 0.9, 4096))!.WeightsBytes;
                var full = Memory(Manifest(moe[x.Item1], "H200-SXM-141GB", tp, 1, tp, 0.9, 4096))!.WeightsBytes;
                return half <= one && full <= half;
            }, iter: Iterations);
        }

        [Fact]
        public void Kv_capacity_never_shrinks_when_gpu_memory_utilization_grows()
        {
            Plans.Sample(p =>
            {
                var low = Memory(Manifest(p.Model, p.Gpu, p.Tp, p.Pp, 1, p.Gmu, p.MaxLen))!.MaxTokensInKvCache;
                var high = Memory(Manifest(p.Model, p.Gpu, p.Tp, p.Pp, 1, Math.Min(0.99, p.Gmu + 0.02), p.MaxLen))!.MaxTokensInKvCache;
                return high >= low;
            }, iter: Iterations);
        }

        [Fact]
        public void An_error_free_plan_stays_error_free_on_a_strictly_larger_gpu()
        {
            // Strict supersets: more memory, same or better precision support, same kind of link. (H100 PCIe -> SXM is not one:
            // same memory, and NCCL's NVLS buffers on NVSwitch take ~1.8 GiB more at TP > 1.)
            var pairs = new[] { ("A100-SXM-40GB", "A100-SXM-80GB"), ("H100-SXM-80GB", "H200-SXM-141GB"), ("L4-24GB", "L40S-48GB"), ("A10-24GB", "L40S-48GB") };
            Gen.Select(Plans, Gen.Int[0, pairs.Length - 1]).Sample(x =>
            {
                var (p, pair) = x;
                var (small, large) = pairs[pair];
                var smaller = Lint.Text(Manifest(p.Model, small, p.Tp, p.Pp, 1, p.Gmu, p.MaxLen));
                if (smaller.HasErrors) return true;
                var larger = Lint.Text(Manifest(p.Model, large, p.Tp, p.Pp, 1, p.Gmu, p.MaxLen));
                return !larger.HasErrors;
            }, iter: Iterations);
        }

        [Fact]
        public void A_multi_document_file_reports_the_union_of_its_documents()
        {
            Gen.Select(Plans, Plans).Sample(x =>
            {
                string a = Manifest(x.Item1.Model, x.Item1.Gpu, x.Item1.Tp, x.Item1.Pp, 1, x.Item1.Gmu, x.Item1.MaxLen);
                string b = Manifest(x.Item2.Model, x.Item2.Gpu, x.Item2.Tp, x.Item2.Pp, 1, x.Item2.Gmu, x.Item2.MaxLen) + "bogus: 1\n";
                int offset = a.Count(c => c == '\n') + 1;
                var expected = Lint.Text(a).Diagnostics.Select(d => $"{d.Id}|{d.Line}|{d.Column}|{d.Message}")
                    .Concat(Lint.Text(b).Diagnostics.Select(d => $"{d.Id}|{d.Line + offset}|{d.Column}|{d.Message}")).OrderBy(s => s, StringComparer.Ordinal);
                var actual = Lint.Text(a + "---\n" + b).Diagnostics.Select(d => $"{d.Id}|{d.Line}|{d.Column}|{d.Message}").OrderBy(s => s, StringComparer.Ordinal);
                return expected.SequenceEqual(actual);
            }, iter: Iterations);
        }

        [Fact]
        public void Generated_yaml_never_throws()
        {
            string[] scalars = { "1", "0", "-1", "x", "H100-SXM-80GB", "meta-llama/Llama-3.1-8B-Instruct", "1e9", ".inf", "\"q\"", "~", "[]", "{}", "[1, 2]" };
            string[] keys = { "apiVersion", "kind", "name", "model", "hardware", "gpu", "id", "tensor", "pipeline", "expert", "serving", "slo", "suppress", "maxModelLen", "bogus" };
            var scalar = Gen.Int[0, scalars.Length - 1].Select(i => scalars[i]);
            var key = Gen.Int[0, keys.Length - 1].Select(i => keys[i]);
            var line = Gen.Select(Gen.Int[0, 3], key, scalar).Select(x => new string(' ', x.Item1 * 2) + x.Item2 + ": " + x.Item3);
            line.Array[1, 30].Sample(lines =>
            {
                var result = Linter.Lint(Lint.Header + string.Join("\n", lines) + "\n", "g.deploy.yaml");
                return result.Diagnostics.All(d => d.Id != "DPL0017");
            }, iter: Iterations);
        }
    }
}
