using System;
using System.IO;
using DeployLint.Estimation;

namespace DeployLint.Cli
{
    /// <summary>Colors only on a terminal and never when NO_COLOR is set (https://no-color.org), unless --color always.</summary>
    internal static class ColorPolicy
    {
        public static bool Enabled(string mode, bool outputIsTerminal, string? noColor) => mode switch
        {
            "always" => true,
            "never" => false,
            _ => outputIsTerminal && string.IsNullOrEmpty(noColor),
        };
    }

    /// <summary>The per-GPU memory of `estimate` as one stacked bar with a legend.</summary>
    internal static class MemoryBar
    {
        private const int Width = 60;
        private static readonly (char Glyph, string Color, string Label)[] Segments =
        {
            ('#', "\u001b[34m", "weights"),
            ('=', "\u001b[32m", "KV cache"),
            ('+', "\u001b[33m", "activations"),
            ('%', "\u001b[35m", "overhead"),
            ('.', "\u001b[90m", "free"),
        };
        private const string Reset = "\u001b[0m";

        public static void Write(TextWriter output, MemoryEstimate m, bool color)
        {
            double capacity = Math.Max(1, m.CapacityBytes);
            double kv = Math.Max(0, m.KvBudgetBytes);
            double free = Math.Max(0, capacity - m.WeightsBytes - kv - m.ActivationBytes - m.OverheadBytes);
            double[] values = { m.WeightsBytes, kv, m.ActivationBytes, m.OverheadBytes, free };
            var bar = new System.Text.StringBuilder();
            int used = 0;
            for (int i = 0; i < values.Length; i++)
            {
                int cells = i == values.Length - 1 ? Math.Max(0, Width - used) : (int)Math.Round(Math.Min(values[i], capacity) / capacity * Width);
                cells = Math.Min(cells, Width - used);
                used += cells;
                if (cells == 0) continue;
                if (color) bar.Append(Segments[i].Color);
                bar.Append(Segments[i].Glyph, cells);
                if (color) bar.Append(Reset);
            }
            bool over = m.WeightsBytes + m.ActivationBytes + m.OverheadBytes > capacity;
            output.WriteLine($"           [{bar}]{(over ? " over capacity!" : "")}");
            var legend = new System.Text.StringBuilder("           ");
            for (int i = 0; i < Segments.Length; i++)
            {
                if (color) legend.Append(Segments[i].Color);
                legend.Append(Segments[i].Glyph);
                if (color) legend.Append(Reset);
                legend.Append(' ').Append(Segments[i].Label).Append(' ').Append(Units.GiB(values[i])).Append("  ");
            }
            output.WriteLine(legend.ToString().TrimEnd());
        }
    }
}
