using System.Reflection;

namespace DeployLint.Cli
{
    internal static class VersionInfo
    {
        public static string Version =>
            typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";
    }
}
