using System.Globalization;

namespace DeployLint
{
    /// <summary>How numbers are printed in messages: bytes in GiB (2^30) with GB (10^9) where they could be confused.</summary>
    public static class Units
    {
        public const double GiBBytes = 1024.0 * 1024 * 1024;

        public static string GiB(long bytes) => (bytes / GiBBytes).ToString("0.0#", CultureInfo.InvariantCulture) + " GiB";

        public static string GiB(double bytes) => (bytes / GiBBytes).ToString("0.0#", CultureInfo.InvariantCulture) + " GiB";

        public static string GiBAndGB(long bytes) =>
            GiB(bytes) + " (" + (bytes / 1e9).ToString("0.0#", CultureInfo.InvariantCulture) + " GB)";

        public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        public static string Number(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);

        /// <summary>Durations in messages and reports: two decimals below 10 ms, one above.</summary>
        public static string Milliseconds(double seconds) => Number(seconds * 1000, seconds < 0.01 ? "0.00" : "0.#") + " ms";

        public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }
}
