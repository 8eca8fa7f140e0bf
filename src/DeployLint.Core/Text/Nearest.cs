using System;
using System.Collections.Generic;
using System.Linq;

namespace DeployLint.Text
{
    /// <summary>"Did you mean" suggestions by case-insensitive edit distance.</summary>
    public static class Nearest
    {
        public static IReadOnlyList<string> Find(string input, IEnumerable<string> candidates, int max = 3)
        {
            string needle = input.ToLowerInvariant();
            var scored = new List<(string Candidate, int Distance)>();
            foreach (var candidate in candidates)
            {
                string c = candidate.ToLowerInvariant();
                int d = Distance(needle, c);
                if (c.Contains(needle) || needle.Contains(c)) d = Math.Min(d, Math.Abs(c.Length - needle.Length) / 2);
                scored.Add((candidate, d));
            }
            int limit = Math.Max(2, needle.Length / 2);
            return scored.Where(s => s.Distance <= limit)
                .OrderBy(s => s.Distance).ThenBy(s => s.Candidate, StringComparer.Ordinal)
                .Take(max).Select(s => s.Candidate).ToList();
        }

        public static string DidYouMean(string input, IEnumerable<string> candidates)
        {
            var found = Find(input, candidates, 3);
            return found.Count == 0 ? "" : "; did you mean " + string.Join(" or ", found.Select(f => "'" + f + "'")) + "?";
        }

        public static int Distance(string a, string b)
        {
            if (a.Length == 0) return b.Length;
            if (b.Length == 0) return a.Length;
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                var t = previous; previous = current; current = t;
            }
            return previous[b.Length];
        }
    }
}
