using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Text;

namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0018: code names a deployment manifest ([assembly: DeployLint.DeploymentManifest("...")]) that the project does not have.</summary>
    public static class ManifestReferenceNotFound
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0018",
            "Deployment manifest referenced from code not found",
            RuleCategory.Manifest,
            Severity.Error,
            "A service that loads its deployment manifest at start-up names it with [assembly: DeployLint.DeploymentManifest(\"path\")]; the path must be one of the project's manifests, or the service starts without the plan that was checked.");

        /// <summary>Null when <paramref name="referenced"/> names one of <paramref name="manifests"/> (full paths); otherwise the message.</summary>
        public static string? Check(string referenced, IReadOnlyCollection<string> manifests)
        {
            string wanted = Normalize(referenced);
            if (wanted.Length == 0) return "the manifest path is empty";
            foreach (var m in manifests)
            {
                string path = Normalize(m);
                if (path == wanted || path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase)) return null;
            }
            if (manifests.Count == 0) return $"no deployment manifest named '{referenced}': the project has no *.deploy.yaml manifests (DeployLintManifest items)";
            var names = manifests.Select(m => Normalize(m)).Select(m => m.Substring(m.LastIndexOf('/') + 1)).Distinct().ToList();
            string file = wanted.Substring(wanted.LastIndexOf('/') + 1);
            var near = Nearest.Find(file, names, 3);
            string hint = near.Count > 0 ? "; did you mean " + string.Join(" or ", near.Select(n => "'" + n + "'")) + "?" : "; manifests here: " + string.Join(", ", names.Take(5));
            return $"no deployment manifest named '{referenced}' among the project's manifests{hint}";
        }

        private static string Normalize(string path)
        {
            string p = path.Replace('\\', '/');
            while (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
            return p;
        }
    }
}
