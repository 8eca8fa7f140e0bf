namespace DeployLint.Rules.Manifest
{
    /// <summary>DPL0021: a Kubernetes, Helm or compose file does not say something the checks need (GPU type, model, a variable's value).</summary>
    public static class PlanDetailUnknown
    {
        public static readonly RuleDescriptor Descriptor = new RuleDescriptor(
            "DPL0021",
            "Deployment file leaves a plan detail unknown",
            RuleCategory.Manifest,
            Severity.Info,
            "DeployLint reads the deployment files a repository already has (Kubernetes workloads, LeaderWorkerSet, KServe, Dynamo, KubeAI, Helm values, compose, SkyPilot). What such a file does not state (the GPU type when no node label or instance type names it, a model outside the catalog, a $(VARIABLE) set elsewhere) is not guessed: the checks that need it are skipped and this note says which annotation (deploylint.io/gpu, deploylint.io/model, deploylint.io/model-config, deploylint.io/inter-node) supplies it.");
    }
}
