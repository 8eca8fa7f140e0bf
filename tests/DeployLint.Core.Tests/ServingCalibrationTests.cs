using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace DeployLint.Core.Tests
{
    /// <summary>
    /// Measured serving under load (SemiAnalysis InferenceX, github.com/SemiAnalysisAI/InferenceX-app,
    /// packages/app/cypress/fixtures/api/benchmarks.json at commit 528c4146b8f502fcbce8df7870a935a970cbae25, the record index
    /// in the last column; mirrored by vngcloud/InferenceX-app): DeepSeek-R1 FP8 on one node of 8 x H200, TP 8, EP 1 or 8,
    /// SGLang 0.5.12 and TensorRT-LLM 1.3, 1,024 input / 1,024 output tokens, 4 to 64 concurrent clients, aggregated
    /// serving, no speculative decoding. Medians of TPOT and TTFT, output tokens/s per GPU.
    /// </summary>
    public class ServingCalibrationTests
    {
        private readonly ITestOutputHelper _output;

        public ServingCalibrationTests(ITestOutputHelper output) { _output = output; }

        public static IEnumerable<object[]> Points() => typeof(ServingCalibrationTests).GetMethod(nameof(Point))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().SelectMany(a => a.GetData(null!));

        private static Estimation.TimeEstimate Estimate(string engine, int expert, int clients) =>
            Lint.Text(Lint.Header + "model: { id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }\nhardware: { gpu: H200-SXM-141GB, gpusPerNode: 8 }\n" +
                      $"parallelism: {{ tensor: 8, expert: {expert} }}\nserving: {{ engine: {engine}, maxModelLen: 4096, maxConcurrentSequences: {clients} }}\n" +
                      "slo: { inputTokens: 1024, outputTokens: 1024 }\n").Deployments[0].Time!;

        [Theory]
        [InlineData("sglang", 1, 4, 9.73, 49.17, 84.73, 60)]
        [InlineData("sglang", 1, 8, 11.709, 82.37, 87.55, 61)]
        [InlineData("sglang", 1, 16, 15.388, 126.62, 94.09, 145)]
        [InlineData("sglang", 1, 64, 30.52, 259.8, 127.12, 146)]
        [InlineData("trtllm", 1, 4, 13.815, 34.39, 118.83, 90)]
        [InlineData("trtllm", 1, 64, 34.041, 224.65, 149.62, 93)]
        [InlineData("trtllm", 8, 4, 11.797, 40.34, 168.54, 207)]
        [InlineData("trtllm", 8, 8, 14.716, 65.26, 170.36, 91)]
        [InlineData("trtllm", 8, 16, 20.064, 93.8, 112.93, 202)]
        [InlineData("trtllm", 8, 32, 25.317, 154.55, 180.06, 208)]
        [InlineData("trtllm", 8, 64, 33.126, 228.3, 139.77, 203)]
        public void Point(string engine, int expert, int clients, double tpotMs, double tokensPerSecondPerGpu, double ttftMs, int record)
        {
            var t = Estimate(engine, expert, clients);
            double tpotError = (t.TpotSeconds * 1000 - tpotMs) / tpotMs;
            double throughputError = (t.TokensPerSecondPerGpu - tokensPerSecondPerGpu) / tokensPerSecondPerGpu;
            _output.WriteLine($"record {record} {engine} EP {expert} c{clients}: TPOT {t.TpotSeconds * 1000:0.00} vs {tpotMs} ms ({tpotError:+0%;-0%}), " +
                              $"{t.TokensPerSecondPerGpu:0.0} vs {tokensPerSecondPerGpu} tok/s/GPU ({throughputError:+0%;-0%}), TTFT {t.TtftSeconds * 1000:0.0} vs {ttftMs} ms");
            Assert.InRange(Math.Abs(tpotError), 0, 0.40);
            Assert.InRange(Math.Abs(throughputError), 0, 0.60);
        }

        /// <summary>The bar over all points: TPOT median within 15% (90th percentile 30%), tokens/s per GPU median within 20%, TTFT median within 30%.</summary>
        [Fact]
        public void Medians_are_within_the_bar()
        {
            var tpot = new List<double>();
            var throughput = new List<double>();
            var ttft = new List<double>();
            foreach (var p in Points())
            {
                var t = Estimate((string)p[0], (int)p[1], (int)p[2]);
                tpot.Add(Math.Abs(t.TpotSeconds * 1000 / (double)p[3] - 1));
                throughput.Add(Math.Abs(t.TokensPerSecondPerGpu / (double)p[4] - 1));
                ttft.Add(t.TtftSeconds * 1000 / (double)p[5] - 1);
            }
            _output.WriteLine($"TPOT |error| median {Median(tpot):P1}, p90 {P90(tpot):P1}; tok/s/GPU median {Median(throughput):P1}; TTFT error median {Median(ttft):P1}");
            Assert.InRange(Median(tpot), 0, 0.15);
            Assert.InRange(P90(tpot), 0, 0.30);
            Assert.InRange(Median(throughput), 0, 0.20);
            // TTFT: SGLang and TensorRT-LLM prefill without CUDA graphs, so a 1k-token DeepSeek prefill takes the host's
            // dispatch of its 1,326 kernels (~82 ms), more than its GPU work.
            Assert.InRange(Median(ttft), -0.30, 0.30);
        }

        /// <summary>
        /// The same suite on other GPUs and engines, not used to set anything (InferenceX-app benchmarks.json at commit
        /// 7fe6d62ad57a3df061be692e86578c7111d880c7, record index last): DeepSeek-R1 at 1k/1k on B200 (SGLang, TensorRT-LLM,
        /// FP8 and NVIDIA's NVFP4), B300 (SGLang), MI300X / MI325X / MI355X (SGLang, FP8 and AMD's MXFP4), 1 to 128 clients. The last column
        /// is the engine setting the suite's recipe used that changes time (SemiAnalysisAI/InferenceX,
        /// benchmarks/single_node/dsr1_*_b200.sh, dsr1_*_b300.sh): every B200 and B300 SGLang point at 1k/1k is here.
        /// </summary>
        public static IEnumerable<object[]> OtherGpus() => typeof(ServingCalibrationTests).GetMethod(nameof(Other_gpu_point))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().SelectMany(a => a.GetData(null!));

        private static Estimation.TimeEstimate EstimateOn(string gpu, string engine, string weights, int tensor, int expert, int clients, string settings = "")
        {
            string model = weights switch
            {
                "nvfp4" => "{ id: nvidia/DeepSeek-R1-0528-FP4 }",
                "mxfp4" => "{ id: amd/DeepSeek-R1-0528-MXFP4 }",
                _ => "{ id: deepseek-ai/DeepSeek-R1, weights: fp8-e4m3 }",
            };
            return Lint.Text(Lint.Header + $"model: {model}\nhardware: {{ gpu: {gpu}, gpusPerNode: 8 }}\n" +
                             $"parallelism: {{ tensor: {tensor}, expert: {expert} }}\nserving: {{ engine: {engine}, maxModelLen: 4096, maxConcurrentSequences: {clients}{settings} }}\n" +
                             "slo: { inputTokens: 1024, outputTokens: 1024 }\n").Deployments[0].Time!;
        }

        [Theory]
        [InlineData("MI355X-288GB", "sglang", "mxfp4", 4, 1, 4, 9.648, 98.99, 102.2, 0, "")]     // sglang v0.5.12 rocm700, 2026-06-11
        [InlineData("MI355X-288GB", "sglang", "mxfp4", 8, 1, 8, 10.295, 94.25, 94.0, 1, "")]
        [InlineData("B200-180GB", "trtllm", "fp8", 8, 1, 4, 8.698, 54.45, 182.3, 15, "")]        // TensorRT-LLM 1.3.0rc14, 2026-05-18
        [InlineData("B200-180GB", "trtllm", "fp8", 4, 1, 16, 17.118, 228.80, 171.3, 17, "")]
        [InlineData("MI355X-288GB", "sglang", "fp8", 8, 1, 4, 9.931, 46.04, 115.1, 30, "")]      // 2026-05-27
        [InlineData("MI355X-288GB", "sglang", "fp8", 8, 1, 8, 11.118, 82.82, 116.6, 31, "")]
        [InlineData("MI325X-256GB", "sglang", "fp8", 8, 1, 4, 14.199, 32.90, 93.8, 45, "")]      // sglang v0.5.12 rocm700, 2026-05-18
        [InlineData("MI325X-256GB", "sglang", "fp8", 8, 1, 8, 16.151, 58.27, 97.2, 46, "")]
        [InlineData("B200-180GB", "trtllm", "nvfp4", 4, 1, 4, 7.607, 125.57, 147.5, 75, "")]     // TensorRT-LLM 1.3.0rc14, 2026-05-19
        [InlineData("MI300X-192GB", "sglang", "fp8", 8, 1, 4, 14.574, 31.64, 167.3, 105, "")]    // sglang v0.5.12 rocm700, 2026-05-18
        [InlineData("MI300X-192GB", "sglang", "fp8", 8, 1, 8, 17.030, 54.83, 160.0, 106, "")]
        [InlineData("MI300X-192GB", "sglang", "fp8", 8, 1, 16, 20.987, 90.48, 161.1, 107, "")]
        [InlineData("MI300X-192GB", "sglang", "fp8", 8, 1, 32, 28.008, 135.30, 163.3, 108, "")]
        [InlineData("MI300X-192GB", "sglang", "fp8", 8, 1, 64, 40.685, 188.44, 176.1, 109, "")]
        [InlineData("B200-180GB", "sglang", "fp8", 8, 1, 1, 7.183, 17.01, 157.4, 120, "")]       // sglang v0.5.12 cu130, 2026-05-22
        // InferenceX's B200 SGLang recipe polls for requests every 10 decode steps below 16 clients, every 30 from 16.
        [InlineData("B200-180GB", "sglang", "fp8", 8, 8, 4, 10.271, 47.54, 162.6, 121, ", schedulerRecvInterval: 10")]  // 2025-11-18
        [InlineData("B200-180GB", "sglang", "fp8", 8, 8, 16, 15.288, 126.69, 342.7, 122, ", schedulerRecvInterval: 30")]
        [InlineData("B200-180GB", "sglang", "fp8", 8, 1, 64, 21.804, 338.97, 545.4, 123, ", schedulerRecvInterval: 30")] // 2026-05-22
        [InlineData("B200-180GB", "sglang", "nvfp4", 8, 8, 1, 5.873, 20.68, 165.1, 135, ", schedulerRecvInterval: 10")]
        [InlineData("B200-180GB", "sglang", "nvfp4", 4, 1, 8, 12.671, 147.62, 529.6, 136, ", schedulerRecvInterval: 10")] // 2025-11-10
        [InlineData("B200-180GB", "sglang", "nvfp4", 8, 8, 64, 16.234, 450.47, 402.3, 138, ", schedulerRecvInterval: 30")]
        // B300 (added with the GPU, after the model was built; same recipe as B200, dsr1_*_b300.sh; sglang v0.5.12 cu130, 2026-05-22)
        [InlineData("B300-288GB", "sglang", "nvfp4", 4, 4, 1, 5.941, 41.56, 77.4, 415, ", schedulerRecvInterval: 10")]
        [InlineData("B300-288GB", "sglang", "nvfp4", 4, 4, 4, 7.732, 123.74, 124.7, 416, ", schedulerRecvInterval: 10")]
        [InlineData("B300-288GB", "sglang", "nvfp4", 4, 4, 16, 11.558, 332.82, 257.0, 417, ", schedulerRecvInterval: 30")]
        [InlineData("B300-288GB", "sglang", "nvfp4", 8, 8, 32, 11.629, 318.21, 266.2, 418, ", schedulerRecvInterval: 30")]
        [InlineData("B300-288GB", "sglang", "nvfp4", 8, 8, 128, 19.025, 786.95, 438.2, 419, ", schedulerRecvInterval: 30")]
        [InlineData("B300-288GB", "sglang", "fp8", 8, 1, 1, 7.041, 17.58, 70.9, 425, ", schedulerRecvInterval: 10")]
        [InlineData("B300-288GB", "sglang", "fp8", 8, 1, 4, 8.311, 57.48, 131.6, 426, ", schedulerRecvInterval: 10")]
        [InlineData("B300-288GB", "sglang", "fp8", 8, 1, 16, 12.398, 154.31, 307.6, 427, ", schedulerRecvInterval: 30")]
        [InlineData("B300-288GB", "sglang", "fp8", 8, 1, 64, 21.188, 356.88, 509.9, 428, ", schedulerRecvInterval: 30")]
        public void Other_gpu_point(string gpu, string engine, string weights, int tensor, int expert, int clients, double tpotMs, double tokensPerSecondPerGpu, double ttftMs, int record, string settings)
        {
            var t = EstimateOn(gpu, engine, weights, tensor, expert, clients, settings);
            double tpotError = t.TpotSeconds * 1000 / tpotMs - 1;
            _output.WriteLine($"record {record} {gpu} {engine} {weights} TP {tensor} EP {expert} c{clients}: TPOT {t.TpotSeconds * 1000:0.00} vs {tpotMs} ms ({tpotError:+0%;-0%}), " +
                              $"{t.TokensPerSecondPerGpu:0.0} vs {tokensPerSecondPerGpu} tok/s/GPU, TTFT {t.TtftSeconds * 1000:0.0} vs {ttftMs} ms");
            // NVFP4 with EP on Blackwell runs 20-30% slower in the model than measured (B300 TP 4 / EP 4 reads 11.3 GB a step at
            // one client and still measures 5.9 ms): the kernel floor and the HBM time add here, where those kernels overlap them.
            Assert.InRange(Math.Abs(tpotError), 0, 0.35);
        }

        /// <summary>
        /// Where the other GPUs stand: TPOT and tokens/s per GPU within the bars, TTFT too (median -18% over 30 points)
        /// since the B300 points joined; without them it is -33%: B200's lone eager prefill takes 157-165 ms at one client where
        /// the H200-measured dispatch cost gives 89 ms (B300, same recipe, measures 71-77 ms), and AMD's is slower too.
        /// </summary>
        [Fact]
        public void Other_gpus_medians()
        {
            var tpot = new List<double>();
            var throughput = new List<double>();
            var ttft = new List<double>();
            foreach (var p in OtherGpus())
            {
                var t = EstimateOn((string)p[0], (string)p[1], (string)p[2], (int)p[3], (int)p[4], (int)p[5], (string)p[10]);
                tpot.Add(Math.Abs(t.TpotSeconds * 1000 / (double)p[6] - 1));
                throughput.Add(Math.Abs(t.TokensPerSecondPerGpu / (double)p[7] - 1));
                ttft.Add(t.TtftSeconds * 1000 / (double)p[8] - 1);
            }
            _output.WriteLine($"{tpot.Count} points: TPOT |error| median {Median(tpot):P1}; tok/s/GPU |error| median {Median(throughput):P1}; TTFT error median {Median(ttft):P1}");
            Assert.InRange(Median(tpot), 0, 0.15);
            Assert.InRange(Median(throughput), 0, 0.20);
            Assert.InRange(Median(ttft), -0.30, 0.30);
        }

        private static double Median(List<double> v)
        {
            var s = v.OrderBy(x => x).ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        }

        private static double P90(List<double> v) => v.OrderBy(x => x).ElementAt((int)Math.Ceiling(0.9 * v.Count) - 1);
    }
}
