using System;
using DeployLint.Catalog;
using DeployLint.Plans;

namespace DeployLint.Estimation
{
    /// <summary>
    /// Which link each parallel group's traffic crosses. Ranks are laid out TP-innermost, then DP, then PP (as vLLM and
    /// SGLang assign them), so a TP group is contiguous; it stays on NVLink while it fits in one NVLink domain (a node,
    /// or a multi-node NVLink domain such as GB200 NVL72), otherwise its slowest hop is the per-GPU NIC.
    /// </summary>
    public static class Topology
    {
        /// <summary>GPUs that share the fast intra-node link (node, or NVLink domain spanning nodes).</summary>
        public static int FastDomainSize(DeploymentPlan plan)
        {
            int domain = plan.GpusPerNode;
            if (plan.IntraNodeLink.Kind == LinkKind.NvLink && plan.Gpu.NvlinkDomainSpansNodes && plan.Gpu.NvlinkDomain > plan.GpusPerNode) domain = plan.Gpu.NvlinkDomain;
            return Math.Max(1, domain);
        }

        /// <summary>The slowest link a contiguous group of <paramref name="size"/> ranks crosses; null for a single GPU.</summary>
        public static LinkSpec? GroupLink(DeploymentPlan plan, int size)
        {
            if (size <= 1) return null;
            return FitsInDomain(plan, size) ? plan.IntraNodeLink : plan.InterNodeLink ?? plan.IntraNodeLink;
        }

        public static bool SpansNodes(DeploymentPlan plan, int size) => size > 1 && !FitsInDomain(plan, size);

        /// <summary>
        /// A contiguous group of <paramref name="size"/> ranks never leaves a fast domain when it is no larger than the
        /// domain and either the whole deployment fits in one domain or groups tile the domain exactly.
        /// </summary>
        private static bool FitsInDomain(DeploymentPlan plan, int size)
        {
            int domain = FastDomainSize(plan);
            return size <= domain && (plan.TotalGpus <= domain || domain % size == 0);
        }

        public static LinkSpec? TensorParallelLink(DeploymentPlan plan) => GroupLink(plan, plan.Tensor);

        /// <summary>EP ranks come from the TP group, or from TP x DP ranks when EP is larger than TP.</summary>
        public static LinkSpec? ExpertParallelLink(DeploymentPlan plan) => plan.ExpertAllToAll ? GroupLink(plan, plan.ExpertGroupSize) : null;

        /// <summary>Consecutive pipeline stages are TP x DP ranks apart: on another node once a stage fills the domain.</summary>
        public static LinkSpec? PipelineLink(DeploymentPlan plan)
        {
            if (plan.Pipeline <= 1) return null;
            return FitsInDomain(plan, plan.Tensor * plan.Data * 2) ? plan.IntraNodeLink : plan.InterNodeLink ?? plan.IntraNodeLink;
        }

        /// <summary>True when the link carries NCCL over TCP sockets rather than RDMA or a GPU fabric.</summary>
        public static bool IsTcpEthernet(LinkSpec link) => link.Kind == LinkKind.Network && link.Id.StartsWith("eth-", StringComparison.Ordinal);
    }
}
