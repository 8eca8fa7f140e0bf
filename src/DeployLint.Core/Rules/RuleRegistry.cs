using System;
using System.Collections.Generic;
using System.Linq;
using DeployLint.Rules.Communication;
using DeployLint.Rules.Compute;
using DeployLint.Rules.Efficiency;
using DeployLint.Rules.Divisibility;
using DeployLint.Rules.Manifest;
using DeployLint.Rules.Memory;

namespace DeployLint.Rules
{
    /// <summary>Every rule DeployLint has: the one place adapters (CLI, task, analyzer, SARIF) get descriptors from.</summary>
    public static class RuleRegistry
    {
        /// <summary>Rules that analyse a resolved plan, in the order they run.</summary>
        public static readonly IReadOnlyList<PlanRule> PlanRules = new PlanRule[]
        {
            new GpuCountMismatch(),
            new AttentionHeadsNotDivisible(),
            new KeyValueHeadsNotDivisible(),
            new PipelineExceedsLayers(),
            new ExpertsNotDivisible(),
            new ExpertParallelLayout(),
            new QuantizedShardMisaligned(),
            new MarlinTileMisaligned(),
            new MaxModelLenExceedsContext(),
            new WeightsExceedMemory(),
            new NoMemoryForKvCache(),
            new MaxModelLenExceedsKvCapacity(),
            new ConcurrencyExceedsKvCapacity(),
            new NoRoomOutsideBudget(),
            new SamplerWarmupOutOfMemory(),
            new MambaBlocksBelowMaxNumSeqs(),
            new KeyValueHeadsReplicated(),
            new PrecisionUnsupported(),
            new PrecisionEmulated(),
            new KvCacheFormatUnsupported(),
            new TtftUnreachable(),
            new TpotUnreachable(),
            new TensorParallelSpansNodes(),
            new TensorParallelOverTcp(),
            new TensorParallelOverPcie(),
            new CommunicationShareHigh(),
            new ExpertParallelAcrossNodes(),
            new FitsOnFewerGpus(),
            new BetterLayoutExists(),
        };

        private static readonly RuleDescriptor[] ManifestRules =
        {
            MalformedYaml.Descriptor,
            UnknownKey.Descriptor,
            MissingField.Descriptor,
            InvalidValue.Descriptor,
            UnknownGpu.Descriptor,
            UnknownModel.Descriptor,
            OutOfRange.Descriptor,
            AliasResolved.Descriptor,
            UnsupportedArchitecture.Descriptor,
            ReferencedFileUnreadable.Descriptor,
            InvalidSuppression.Descriptor,
            UnsupportedDocument.Descriptor,
            DuplicateKey.Descriptor,
            CheckpointFormatMismatch.Descriptor,
            InputLimitExceeded.Descriptor,
            UnknownLink.Descriptor,
            InternalError.Descriptor,
            ManifestReferenceNotFound.Descriptor,
            InvalidCatalog.Descriptor,
            NotADeploymentManifest.Descriptor,
            PlanDetailUnknown.Descriptor,
        };

        /// <summary>All descriptors, ordered by id.</summary>
        public static readonly IReadOnlyList<RuleDescriptor> All =
            ManifestRules.Concat(PlanRules.Select(r => r.Descriptor)).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

        private static readonly Dictionary<string, RuleDescriptor> ById = All.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);

        public static RuleDescriptor? Find(string id) => ById.TryGetValue(id.Trim(), out var d) ? d : null;
    }
}
