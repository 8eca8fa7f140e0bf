using System;
using System.Collections.Generic;

namespace DeployLint.Estimation
{
    /// <summary>The weight and cache formats a manifest can name, and their storage rules.</summary>
    public static class Formats
    {
        public const string Bf16 = "bf16";
        public const string Fp16 = "fp16";
        public const string Fp32 = "fp32";
        public const string Fp8E4M3 = "fp8-e4m3";
        public const string Fp8E5M2 = "fp8-e5m2";
        public const string Int8 = "int8";
        public const string Int4Awq = "int4-awq";
        public const string Int4Gptq = "int4-gptq";
        public const string Nvfp4 = "nvfp4";
        public const string Mxfp4 = "mxfp4";

        public static readonly IReadOnlyList<string> WeightFormats = new[] { Bf16, Fp16, Fp32, Fp8E4M3, Fp8E5M2, Int8, Int4Awq, Int4Gptq, Nvfp4, Mxfp4 };
        public static readonly IReadOnlyList<string> KvFormats = new[] { Bf16, Fp16, Fp32, Fp8E4M3, Fp8E5M2, "fp8", Int8 };

        public static bool IsFloatingPoint(string format) => format == Bf16 || format == Fp16 || format == Fp32;

        /// <summary>Bytes per element of an unquantized (floating-point) format.</summary>
        public static int FloatBytes(string format) => format == Fp32 ? 4 : 2;

        public static int KvBytes(string format) => format switch
        {
            Fp32 => 4,
            Bf16 => 2,
            Fp16 => 2,
            _ => 1,
        };

        public static string NormalizeKv(string format) => format == "fp8" ? Fp8E4M3 : format;

        /// <summary>The config.json torch_dtype as a format id.</summary>
        public static string FromTorchDtype(string dtype) => dtype switch
        {
            "float16" => Fp16,
            "half" => Fp16,
            "float32" => Bf16,
            "float" => Bf16,
            _ => Bf16,
        };

        /// <summary>The tensor-core precision a format computes in, for TFLOPS lookups and native-support checks.</summary>
        public static string ComputePrecision(string format) => format switch
        {
            Fp8E4M3 => "fp8",
            Fp8E5M2 => "fp8",
            Nvfp4 => "fp4",
            Mxfp4 => "fp4",
            Int4Awq => "int4",
            Int4Gptq => "int4",
            _ => format,
        };
    }

    public enum ScaleGranularity
    {
        None,
        PerTensor,
        PerChannel,
        PerGroup,
        PerBlock,
    }

    /// <summary>
    /// How a format stores one quantized matrix: payload bits plus scales (and zero points) at some granularity.
    /// Unquantized tensors stay in the activation dtype.
    /// </summary>
    public sealed class QuantizationScheme
    {
        public QuantizationScheme(string format, ScaleGranularity granularity, int groupSize = 0, int blockRows = 0, int blockColumns = 0,
            bool zeroPoints = false, bool groupIndex = false, IReadOnlyList<string>? unquantizedModules = null, string origin = "")
        {
            Format = format;
            Granularity = granularity;
            GroupSize = groupSize;
            BlockRows = blockRows;
            BlockColumns = blockColumns;
            ZeroPoints = zeroPoints;
            GroupIndex = groupIndex;
            UnquantizedModules = unquantizedModules ?? Array.Empty<string>();
            Origin = origin;
        }

        public string Format { get; }
        public ScaleGranularity Granularity { get; }
        public int GroupSize { get; }
        public int BlockRows { get; }
        public int BlockColumns { get; }
        public bool ZeroPoints { get; }
        public bool GroupIndex { get; }
        public IReadOnlyList<string> UnquantizedModules { get; }

        /// <summary>Where the scheme came from: "checkpoint" (quantization_config) or "engine" (quantized on load).</summary>
        public string Origin { get; }

        public bool IsQuantized => !Formats.IsFloatingPoint(Format);

        /// <summary>The scheme an engine applies when told to quantize a 16-bit checkpoint on load (vLLM --quantization).</summary>
        public static QuantizationScheme OnLoad(string format) => format switch
        {
            Formats.Fp8E4M3 => new QuantizationScheme(format, ScaleGranularity.PerTensor, origin: "engine"),
            Formats.Fp8E5M2 => new QuantizationScheme(format, ScaleGranularity.PerTensor, origin: "engine"),
            Formats.Int8 => new QuantizationScheme(format, ScaleGranularity.PerChannel, origin: "engine"),
            Formats.Int4Awq => new QuantizationScheme(format, ScaleGranularity.PerGroup, groupSize: 128, zeroPoints: true, origin: "engine"),
            Formats.Int4Gptq => new QuantizationScheme(format, ScaleGranularity.PerGroup, groupSize: 128, zeroPoints: true, origin: "engine"),
            Formats.Nvfp4 => new QuantizationScheme(format, ScaleGranularity.PerGroup, groupSize: 16, origin: "engine"),
            Formats.Mxfp4 => new QuantizationScheme(format, ScaleGranularity.PerGroup, groupSize: 32, origin: "engine"),
            _ => new QuantizationScheme(format, ScaleGranularity.None, origin: "engine"),
        };

        /// <summary>Bytes of one quantized matrix of rows x columns (already sharded), payload and scales.</summary>
        public long MatrixBytes(long rows, long columns)
        {
            long elements = rows * columns;
            switch (Format)
            {
                case Formats.Fp8E4M3:
                case Formats.Fp8E5M2:
                case Formats.Int8:
                    return elements + ScaleBytes(rows, columns, 4);
                case Formats.Int4Awq:
                case Formats.Int4Gptq:
                {
                    long group = GroupSize > 0 ? GroupSize : columns;
                    long groups = CeilDiv(columns, group);
                    long scales = groups * rows * 2;
                    long zeros = ZeroPoints ? CeilDiv(groups * rows, 2) : 0;
                    long gIdx = GroupIndex ? columns * 4 : 0;
                    return CeilDiv(elements, 2) + scales + zeros + gIdx;
                }
                case Formats.Nvfp4:
                    // 4-bit E2M1 payload, one FP8 E4M3 scale per 16 elements, one FP32 global scale (+ input scale).
                    return CeilDiv(elements, 2) + CeilDiv(elements, 16) + 8;
                case Formats.Mxfp4:
                    // 4-bit E2M1 payload, one E8M0 scale byte per 32 elements.
                    return CeilDiv(elements, 2) + CeilDiv(elements, 32);
                default:
                    return elements * Formats.FloatBytes(Format);
            }
        }

        private long ScaleBytes(long rows, long columns, int scaleBytes) => Granularity switch
        {
            ScaleGranularity.PerTensor => scaleBytes,
            ScaleGranularity.PerChannel => rows * scaleBytes,
            ScaleGranularity.PerBlock => CeilDiv(rows, BlockRows) * CeilDiv(columns, BlockColumns) * scaleBytes,
            ScaleGranularity.PerGroup => CeilDiv(columns, Math.Max(1, GroupSize)) * rows * scaleBytes,
            _ => 0,
        };

        internal static long CeilDiv(long a, long b) => b <= 0 ? a : (a + b - 1) / b;

        public string Describe() => Granularity switch
        {
            ScaleGranularity.PerBlock => $"{Format}, {BlockRows}x{BlockColumns} block scales",
            ScaleGranularity.PerGroup => $"{Format}, {(GroupSize > 0 ? "group " + GroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : "per-channel scales (group_size -1)")}" + (ZeroPoints ? " with zero points" : ""),
            ScaleGranularity.PerChannel => $"{Format}, per-channel scales",
            ScaleGranularity.PerTensor => $"{Format}, per-tensor scale",
            _ => Format,
        };
    }
}
