#!/usr/bin/env python3
"""Writes rules/DPLnnnn.md from the texts below; each page's Output block is produced by running the real CLI on
its Example, and tests/DeployLint.Cli.Tests/RulePageExampleTests re-runs them so pages cannot drift.
Usage: dotnet build src/DeployLint.Cli && python3 rules/tools/pages.py"""
import os, subprocess, tempfile, shutil, re, sys
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
CLI = os.path.join(ROOT, 'src/DeployLint.Cli/bin/Debug/net10.0/deploylint.dll')
H = "apiVersion: deploylint/v1\nkind: InferenceDeployment\n"
def bad(name): return open(os.path.join(ROOT, 'samples/manifests/bad', name)).read()
PAGES = {
 "DPL0001": ("The file is not valid YAML (or not UTF-8). The diagnostic sits where the parser stopped.",
   "Nothing after a syntax error can be read, so nothing in the file is checked; CI would otherwise pass a manifest no tool can load.",
   bad("DPL0001-malformed-yaml.deploy.yaml"), "Close the flow mapping or sequence the message names, fix the indentation (spaces, not tabs), or save the file as UTF-8."),
 "DPL0002": ("A key the manifest schema does not define. The message suggests the closest known key.",
   "A misspelt key is silently ignored by most YAML consumers, so the plan falls back to a default (here the model's full context) nobody chose.",
   bad("DPL0002-unknown-key.deploy.yaml"), "Use the suggested key; the schema (rules/deploylint.schema.json) lists every key."),
 "DPL0003": ("A field the plan cannot be checked without is absent: apiVersion, kind, name, model (id or config), hardware.gpu, and hardware.interNode when nodes > 1.",
   "Without them there is no plan to estimate; DeployLint does not guess hardware or networks.",
   bad("DPL0003-missing-field.deploy.yaml"), "Add the field."),
 "DPL0004": ("A value of the wrong type, unit or spelling: a quoted number, a list where a value belongs, an unknown weight format or engine, a size without a known unit.",
   "Types are strict so that the plan read is the plan written: \"2\" is a string in YAML, and schema validators and engines disagree on what to do with it.",
   bad("DPL0004-invalid-value.deploy.yaml"), "Write numbers unquoted, sizes as 80GiB / 80GB / 85899345920, and formats from the list the message gives."),
 "DPL0005": ("hardware.gpu is not a catalog id or alias. The message lists the nearest ids.",
   "Memory, bandwidth and precision support all come from the GPU; an unknown GPU cannot be checked.",
   bad("DPL0005-unknown-gpu.deploy.yaml"), "Use a catalog id (deploylint rules lists rules; rules/catalog/gpus.yaml lists GPUs), or add the GPU with a user catalog."),
 "DPL0006": ("model.id is not in the model catalog. The message lists the nearest ids.",
   "Parameter counts and KV-cache sizes come from the architecture; DeployLint does not guess them from a name. A plan is not wrong because DeployLint does not know its model, so this is a warning, not an error: a model that runs in production must not turn a build red. The checks that need no architecture still run: the weight format against the GPU (DPL2004, when `model.weights` or `model.dtype` says it), the GPU count against the layout (DPL3001) and a tensor-parallel group across nodes (DPL3002).",
   bad("DPL0006-unknown-model.deploy.yaml"), "Use a catalog id, or point model.config at the model's Hugging Face config.json (relative to the manifest)."),
 "DPL0007": ("A number outside the range its field can take: zero or negative sizes, gpuMemoryUtilization outside (0, 1], absurd magnitudes.",
   "Such values are typos (1.5 for 0.95, 0 for 1) and make every estimate meaningless.",
   bad("DPL0007-out-of-range.deploy.yaml"), "Use a value in the range the message gives."),
 "DPL0008": ("A GPU written another way than its catalog id was resolved to that id. This is a note, not a problem. Resolved are: short names (h100, a100-80g, 4090); node-label values that name one card whatever their key (GKE's `nvidia-tesla-a100` is the 40 GB card); and spellings taken apart into family, form factor and memory, as GPU feature discovery, cloud consoles and people write them (`NVIDIA-H100-80GB-HBM3`, `NVIDIA-A100-SXM4-80GB`, `H200-141GB`, `A100 80GB PCIe`). Without a form factor the SXM card is taken, as the short names do; a spelling that fits several cards (`A100-SXM`, 40 or 80 GB), a MIG slice (`...-MIG-1g.5gb`) or a time-shared GPU (`...-SHARED`) is not resolved.",
   "\"H100\" is several products (SXM 80 GB, PCIe 80 GB, NVL 94 GB) with different memory and links; the note says which one was assumed.",
   bad("DPL0008-alias-resolved.deploy.yaml"), "Write the canonical id the note names."),
 "DPL0009": ("model.config names an architecture (model_type) DeployLint cannot count exactly, or lacks a field that architecture needs. A decoder whose config.json has the usual fields (hidden_size, num_hidden_layers, num_attention_heads, vocab_size, intermediate_size or moe_intermediate_size) is estimated as a Llama-style decoder (gated MLP unless hidden_act is a GELU or ReLU, experts when the config names them, no biases): the warning states the parameter count and the bound on the weights (one MLP matrix per layer plus 2%), and a model.safetensors.index.json in the model store scales the weights to the checkpoint's exact size. Other configs are not guessed: the checks that need no architecture still run.",
   "Parameter counts must equal what the framework instantiates; a guessed count would make every memory verdict a guess. A plan is not wrong because DeployLint does not know its model, so this is a warning, not an error: a model that runs in production must not turn a build red. The checks that need no architecture still run: the weight format against the GPU (DPL2004, when `model.weights` or `model.dtype` says it), the GPU count against the layout (DPL3001) and a tensor-parallel group across nodes (DPL3002).",
   bad("DPL0009-unsupported-architecture.deploy.yaml"), "Use a supported family (llama, mistral, qwen2, qwen3, phi3, phi, granite, gemma, gemma2, gemma3, mixtral, qwen2_moe, qwen3_moe, deepseek_v2, deepseek_v3, gpt_oss, mistral3, llama4, opt, gpt_neox, gpt2, falcon, bloom, kimi_k2, qwen3_next, qwen3_5, qwen3_5_moe, glm4_moe, minimax_m2) or open an issue for the architecture."),
 "DPL0010": ("A file the manifest references (model.config) is missing, unreadable, too large, not UTF-8, or outside the repository (absolute paths, '..' escapes and symbolic links that leave the root are refused).",
   "The referenced config decides the architecture; DeployLint never reads outside the repository because a manifest said so.",
   bad("DPL0010-referenced-file-unreadable.deploy.yaml"), "Fix the path (relative to the manifest) or commit the config.json."),
 "DPL0011": ("A suppress entry without a reason, or naming an id that is not a DeployLint rule.",
   "Suppressions are reviewed like code; one without a reason cannot be judged. The suppression still applies.",
   bad("DPL0011-suppression-without-reason.deploy.yaml"), "Add reason: \"...\" to the entry, or remove it."),
 "DPL0012": ("The document's apiVersion or kind is not deploylint/v1 / InferenceDeployment, or the file holds no document.",
   "Other versions may mean other fields; reading them as v1 would check the wrong thing.",
   bad("DPL0012-unsupported-document.deploy.yaml"), "Use apiVersion: deploylint/v1 and kind: InferenceDeployment."),
 "DPL0013": ("The same key twice in one mapping.",
   "YAML loaders keep one of the two silently (most the last), so the plan the engine runs may not be the one reviewed.",
   bad("DPL0013-duplicate-key.deploy.yaml"), "Keep one of the keys."),
 "DPL0014": ("model.weights differs from the format a quantized checkpoint stores (its config.json quantization_config).",
   "The engine loads what the checkpoint holds; DeployLint follows the checkpoint and says so.",
   bad("DPL0014-checkpoint-format-mismatch.deploy.yaml"), "Write the checkpoint's format, or use a checkpoint in the format you want."),
 "DPL0015": ("A safety limit was exceeded: file size (4 MiB), alias expansion (100,000 nodes per document), nesting depth (64), documents per file (256), value length (64 KiB).",
   "A linter runs on every pull request and keystroke; hostile input must cost bounded time and memory.",
   bad("DPL0015-alias-bomb.deploy.yaml"), "Manifests are small; split or simplify the file."),
 "DPL0016": ("hardware.intraNode or hardware.interNode is not a catalog link id.",
   "Link bandwidth and latency decide communication cost.",
   bad("DPL0016-unknown-link.deploy.yaml"), "Use a catalog id such as nvlink4, pcie-gen5, ib-ndr-400, roce-200g or eth-100g."),
 "DPL0017": ("DeployLint itself failed while checking the document.",
   "An analyzer must never crash a build or an IDE; the failure is reported on the document instead, and the document is not checked.",
   None, "Report it with the manifest; meanwhile the rest of the repository is still checked."),
 "DPL1001": ("The weights one GPU must hold (the largest pipeline stage, after TP / EP sharding and the weight format's scales) exceed the memory the engine may use on it (vLLM and SGLang: total x gpuMemoryUtilization).",
   "The engine fails while loading, or loads and finds no memory for anything else.",
   H + "name: llama-70b-on-one-h100\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware:\n  gpu: H100-SXM-80GB\n",
   "Use more GPUs per replica (TP or PP), or a smaller weight format (fp8-e4m3, int4-awq)."),
 "DPL1002": ("Weights fit, but weights + activation peak + runtime overhead leave no memory for KV-cache blocks under the engine's budget rule.",
   "vLLM stops with 'No available memory for the cache blocks'; SGLang with 'Not enough memory. Please try to increase --mem-fraction-static'.",
   H + "name: qwen-32b-tight\nmodel: { id: Qwen/Qwen2.5-32B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  gpuMemoryUtilization: 0.80\n  maxModelLen: 4096\n",
   "Raise gpuMemoryUtilization, lower maxConcurrentSequences / maxBatchedTokens (the profile run's peak), use a smaller weight format, or add GPUs."),
 "DPL1003": ("The KV cache left after weights and activations cannot hold one request of maxModelLen tokens (sliding-window layers counted at their window).",
   "vLLM refuses to start: 'The model's max seq len (131072) is larger than the maximum number of tokens that can be stored in KV cache'. That is an error. SGLang starts with any positive pool and caps every request at it (its scheduler sets max_req_len = min(context_len - 1, max_total_num_tokens - 1) and rejects longer prompts one by one), and TensorRT-LLM starts and lowers max_seq_len ('Adjusted max_seq_len to ...'): for them the rule is a warning, since the plan serves, but not at the declared length.",
   H + "name: r1-distill-14b-on-two-4090s\nmodel: { id: deepseek-ai/DeepSeek-R1-Distill-Qwen-14B }\nhardware: { gpu: RTX-4090-24GB, gpusPerNode: 2 }\nparallelism: { tensor: 2 }\nserving: { gpuMemoryUtilization: 0.98 }\n",
   "Set maxModelLen to at most the tokens the message gives, use an fp8 KV cache, raise gpuMemoryUtilization, or add GPUs."),
 "DPL1004": ("maxConcurrentSequences (as declared) requests of maxModelLen tokens do not fit in the KV cache at once. A warning when the declared request length (slo.inputTokens + slo.outputTokens) does not fit either: the load the plan states will queue. Information when only the maxModelLen worst case does not fit, or no request length is declared (vLLM logs the same as 'Maximum concurrency for N tokens per request: Xx').",
   "The engine starts, but under long requests it queues or preempts; the declared concurrency is not what users get at that length.",
   H + "name: llama-8b-long-context\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n  maxConcurrentSequences: 8\nslo: { inputTokens: 120000, outputTokens: 8000 }\n",
   "Lower maxConcurrentSequences to what fits, lower maxModelLen, or add KV memory (fp8 KV cache, more GPUs)."),
 "DPL3001": ("nodes x gpusPerNode differs from TP x PP x DP (EP is carved out of TP x DP and adds no GPUs).",
   "Too few GPUs and the engine waits for ranks that never come: an **error**. Extra GPUs sit idle while the engine starts on the first TP x PP x DP of them and serves: waste, a **warning**, whether the plan is a DeployLint manifest, a Pod, a Deployment or any other file DeployLint reads.",
   H + "name: sixteen-gpus-tp8\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism:\n  tensor: 8\n",
   "Make TP x PP x DP equal the GPUs (the message suggests DP), or change the hardware."),
 "DPL4001": ("The number of attention heads is not a multiple of the tensor-parallel size.",
   "Each TP rank computes an equal share of the heads; vLLM refuses: 'Total number of attention heads (52) must be divisible by tensor parallel size (3).'",
   H + "name: llama-33b-on-three-v100\nmodel: { id: huggyllama/llama-30b }\nhardware: { gpu: V100-SXM-32GB, gpusPerNode: 3 }\nparallelism: { tensor: 3 }\n",
   "Use a TP size from the list in the message (a divisor of the head count); spend the remaining GPUs on PP or DP."),
 "DPL4002": ("The KV-head count can be neither split evenly (KV heads % TP) nor replicated evenly (TP % KV heads) over the TP group.",
   "Grouped-query attention shards or replicates whole KV heads; other ratios cannot be sharded.",
   H + "name: llama-8b-tp6\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: L4-24GB, gpusPerNode: 6 }\nparallelism: { tensor: 6 }\n",
   "Use a TP size that divides the KV heads or is a multiple of them."),
 "DPL4003": ("More pipeline stages than decoder layers.", "Each stage needs at least one layer.",
   H + "name: phi3-pp64\nmodel: { id: microsoft/Phi-3-mini-4k-instruct }\nhardware: { gpu: T4-16GB, nodes: 8, gpusPerNode: 8, interNode: eth-10g }\nparallelism:\n  pipeline: 64\n",
   "Use at most as many stages as layers (and far fewer in practice)."),
 "DPL4004": ("The routed experts per MoE layer are not a multiple of the expert-parallel size.",
   "Each EP rank holds an equal number of experts.",
   H + "name: mixtral-ep3\nmodel: { id: mistralai/Mixtral-8x7B-Instruct-v0.1 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 6 }\nparallelism: { tensor: 2, data: 3, expert: 3 }\n",
   "Use an EP size that divides the expert count."),
 "DPL4005": ("maxModelLen is longer than the context the engine derives from config.json (max_position_embeddings, multiplied by rope_scaling's factor for yarn/linear/dynamic scaling as vLLM does).",
   "vLLM refuses: 'User-specified max_model_len (X) is greater than the derived max_model_len'; the model was not trained for it.",
   H + "name: qwen3-8b-128k\nmodel: { id: Qwen/Qwen3-8B }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  maxModelLen: 131072\n",
   "Set maxModelLen to at most the derived length, or use a checkpoint configured for longer context (rope_scaling)."),
 "DPL4006": ("EP does not divide TP x DP, or EP is set on a dense model (a warning).",
   "vLLM, SGLang and TensorRT-LLM take EP ranks from the TP x DP GPUs of a pipeline stage; EP adds no GPUs.",
   H + "name: qwen3-moe-ep4-on-2\nmodel: { id: Qwen/Qwen3-30B-A3B }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 2 }\nparallelism: { tensor: 2, expert: 4 }\n",
   "Make EP a divisor of TP x DP (commonly EP = TP x DP)."),
 "DPL4007": ("TP is larger than the number of KV heads, so every GPU keeps a whole replicated KV head (a note).",
   "KV capacity per GPU stops growing with TP beyond the KV-head count; more TP buys compute, not context.",
   H + "name: llama-405b-tp16\nmodel: { id: meta-llama/Llama-3.1-405B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 16 }\nserving: { maxModelLen: 8192 }\nsuppress:\n  - { rule: DPL1004, reason: example }\n",
   "Consider TP = KV heads with PP or DP for the rest."),
}

PAGES.update({
 "DPL2001": ("The time to first token at the declared load is above slo.ttftMs: the prefill of slo.inputTokens (roofline per pipeline stage, or the host's dispatch of its kernels where the engine runs prefill without a CUDA graph) and the first decode step, plus, with more than one concurrent request, half the running step, the wait behind other prompts' prefills, and what the engine's admission settings add (SGLang --scheduler-recv-interval, TensorRT-LLM batch waiting; see engines.md, Time under load).",
   "If the hardware cannot reach the target, no client will see it; the message names the bound (compute, HBM, interconnect or host dispatch) and the share that waiting adds.",
   H + "name: long-prompt-on-l4\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: L4-24GB }\nserving: { maxModelLen: 32768, maxConcurrentSequences: 1 }\nslo: { inputTokens: 16384, ttftMs: 500 }\n",
   "Raise TP (more FLOPS per request), use FP8 compute on GPUs that have it, shorten prompts, or relax the target."),
 "DPL2002": ("One decode step at the declared concurrency (reading active weights, the KV cache of every sequence, the FLOPs, and the per-layer collectives) takes longer than slo.tpotMs.",
   "Decode is usually bound by HBM bandwidth: every step reads the weights once and each sequence's KV cache.",
   H + "name: seventy-b-on-pcie-a100\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: A100-PCIE-80GB, gpusPerNode: 4 }\nparallelism: { tensor: 4 }\nserving: { maxModelLen: 8192, maxConcurrentSequences: 8 }\nslo: { tpotMs: 20 }\n",
   "Lower the concurrency, raise TP, use a smaller weight format (fp8, int4), or a GPU with more bandwidth."),
 "DPL2003": ("The weight format has no native tensor cores on this GPU (FP8 before compute capability 8.9, FP4 before 10.0), so the engine uses a weight-only fallback kernel. A warning when the format was chosen (an FP8 / AWQ / NVFP4 re-upload, on-the-fly quantization); information when the model is published only in that format (gpt-oss in MXFP4, DeepSeek-R1 and Kimi-K2 in FP8), since that is how it runs on this GPU.",
   "vLLM logs 'Your GPU does not have native support for FP4 computation ... Weight-only FP4 compression will be used leveraging the Marlin kernel': memory is saved, compute runs in 16 bits.",
   H + "name: fp8-on-a100\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct, weights: fp8-e4m3 }\nhardware: { gpu: A100-SXM-80GB }\nserving: { maxModelLen: 8192 }\n",
   "Accept the slower compute, or use a GPU with native support (H100/L40S/L4 for FP8, B200 for FP4)."),
 "DPL2004": ("The GPU cannot run the format at all: BF16 before compute capability 8.0, FP8/FP4 without even the sm80 weight-only fallback, formats a non-NVIDIA stack does not implement.",
   "The engine refuses to start (vLLM: 'Bfloat16 is only supported on GPUs with compute capability of at least 8.0').",
   H + "name: bf16-on-t4\nmodel: { id: microsoft/Phi-3-mini-4k-instruct, weights: bf16 }\nhardware: { gpu: T4-16GB }\n",
   "Use fp16 on pre-Ampere GPUs; use a format the message lists as native."),
 "DPL3002": ("A tensor-parallel group is wider than one node (or NVLink domain), so its two all-reduces per layer cross the RDMA NIC.",
   "Inside a node TP all-reduces over NVLink at hundreds of GB/s per GPU; across nodes over one 25-100 GB/s NIC with network latency per hop, on every layer of every step.",
   H + "name: r1-tp16\nmodel: { id: deepseek-ai/DeepSeek-R1 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism:\n  tensor: 16\nserving: { maxModelLen: 32768, maxConcurrentSequences: 16 }\n",
   "Keep TP inside a node and use PP (or DP with EP for MoE) across nodes, as the message suggests."),
 "DPL3003": ("A tensor-parallel group crosses nodes over TCP Ethernet (eth-*), where NCCL uses sockets.",
   "Tens of microseconds per hop and a few GB/s on two all-reduces per layer make decoding collective-bound.",
   H + "name: lws-tp2-over-tcp\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 1, interNode: eth-25g }\nparallelism:\n  tensor: 2\nserving: { maxModelLen: 8192 }\n",
   "Keep TP inside a node; use an RDMA network (InfiniBand, RoCE) for anything that must cross nodes."),
 "DPL3004": ("Tensor parallelism over PCIe without NVLink (a note with the cost).",
   "It works and is common on L40S / RTX machines, but vLLM's custom all-reduce is off and every all-reduce goes through the host.",
   H + "name: l40s-tp2\nmodel: { id: hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4 }\nhardware: { gpu: L40S-48GB, gpusPerNode: 2 }\nparallelism:\n  tensor: 2\nserving: { maxModelLen: 8192, maxConcurrentSequences: 12 }\n",
   "Nothing, if the share is acceptable; otherwise a smaller model per GPU (DP instead of TP) or NVLink-connected GPUs."),
 "DPL3005": ("The estimated share of a decode step spent in collectives (TP all-reduce, EP all-to-all, PP sends) is above slo.maxCommShare (default 0.30).",
   "That share of every token is the GPUs waiting on the network.",
   H + "name: eight-b-tp2-tcp\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 1, interNode: eth-25g }\nparallelism:\n  tensor: 2\nserving: { maxModelLen: 8192 }\n",
   "Fewer TP ranks per replica (more DP), groups inside a node, or a higher slo.maxCommShare if latency matters more than efficiency."),
 "DPL3006": ("The expert-parallel group spans nodes, so the dispatch and combine all-to-alls of every MoE layer cross the NIC. An all-to-all exists where a rank holds tokens the others lack: EP across DP replicas (EP larger than TP) or under attention DP. EP inside a plain TP group needs none: every rank already holds every token and TP's all-reduce is the combine, so a TP group across nodes is DPL3002's finding, not this one.",
   "Fine with fast RDMA and large batches (DeepSeek's own deployment does it); costly otherwise. The message gives the estimated cost per decode step.",
   H + "name: r1-ep16\nmodel: { id: deepseek-ai/DeepSeek-R1 }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: ib-ndr-400 }\nparallelism: { tensor: 2, data: 8, expert: 16 }\nserving: { maxModelLen: 16384 }\n",
   "Keep EP inside a node where the model fits, or make sure the fabric is RDMA at full per-GPU bandwidth."),
 "DPL5001": ("A replica on fewer GPUs (smaller TP x PP) fits, holds the declared concurrency at maxModelLen and meets the declared targets.",
   "The spare GPUs could serve another replica.",
   H + "name: eight-b-tp4\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 4 }\nparallelism:\n  tensor: 4\nserving: { maxModelLen: 8192, maxConcurrentSequences: 8 }\n",
   "Use the smaller replica and DP for the rest, or suppress with a reason (failover headroom)."),
 "DPL5002": ("Another (TP, PP, DP, EP) layout of the same GPUs meets targets this one misses, or serves the same load at 25% or more output tokens/s per GPU.",
   "Layouts are compared at the same load (the declared plan's sequences in flight), each with the same memory, roofline and rule checks; 'deploylint suggest' prints the ranking.",
   H + "name: seventy-b-tp16-roce\nmodel: { id: meta-llama/Llama-3.1-70B-Instruct }\nhardware: { gpu: H100-SXM-80GB, nodes: 2, gpusPerNode: 8, interNode: roce-100g }\nparallelism:\n  tensor: 16\nserving: { maxModelLen: 8192, maxConcurrentSequences: 32 }\n",
   "Switch to the suggested layout, or run 'deploylint suggest' to compare the alternatives."),
})
PAGES["DPL0018"] = ("A C# assembly attribute [assembly: DeployLint.DeploymentManifest(\"path\")] names a manifest the project does not have (matched against the project's DeployLintManifest items / *.deploy.yaml AdditionalFiles).",
   "Services that load their deployment manifest at start-up would start without the plan that was checked; the analyzer reports it on the attribute argument.",
   None, "Fix the path, or add the manifest to the project.")
PAGES["DPL0020"] = ("The file holds only documents DeployLint cannot check: Kubernetes objects that launch no serving engine it reads (vLLM, SGLang, TensorRT-LLM), Services, ConfigMaps and other kinds; they are skipped.",
   "Deployment repositories mix the workloads DeployLint reads with the cluster's other files; those must never be reported as errors. A folder scan skips such files without a note; the note appears only for a file named on the command line.",
   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27\n", "Nothing; the note only says the file was skipped.")
PAGES["DPL0021"] = ("A Kubernetes workload, LeaderWorkerSet, KServe InferenceService, Dynamo graph, Helm values or compose file does not state something the checks need: the GPU type (no nvidia.com/gpu.product or cloud.google.com/gke-accelerator node label, no known instance type), the model (a path, or a $(VARIABLE) set outside the file), an engine flag whose value is a variable, or the network between nodes (then timings assume ib-ndr-400 and say so).",
   "DeployLint reads the files a repository already has instead of a second hand-kept plan, but it never presents a guess as a fact: what the file does not say is skipped (only the model and layout checks run without the GPU) and this note names the annotation that supplies it.",
   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llama-70b\nspec:\n  template:\n    spec:\n      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.10.1\n          args: [--model, meta-llama/Llama-3.3-70B-Instruct, --tensor-parallel-size, \"4\"]\n          resources:\n            limits:\n              nvidia.com/gpu: \"4\"\n",
   "Annotate the workload (metadata.annotations, or a compose service label): deploylint.io/gpu: H100-SXM-80GB, deploylint.io/model: <catalog id>, deploylint.io/model-config: <path to config.json in this repository>, deploylint.io/inter-node: ib-ndr-400.")
PAGES["DPL4008"] = ("A tensor-parallel shard of a quantized matrix cuts a quantization block (block-scaled FP8: output rows per shard must be a multiple of block_n, input columns of block_k) or group (int4 AWQ/GPTQ, NVFP4, MXFP4: input columns per shard must be a multiple of the group size).",
   "Scales belong to whole blocks or groups; the engine refuses to split one (vLLM: 'The output_size of gate's and up's weight = 192 is not divisible by weight quantization block_n = 128'). With expert parallelism the routed experts are not split at all.",
   H + "name: qwen3-235b-fp8-tp8\nmodel: { id: Qwen/Qwen3-235B-A22B-FP8 }\nhardware: { gpu: H100-SXM-80GB, gpusPerNode: 8 }\nparallelism:\n  tensor: 8\nserving: { maxModelLen: 8192 }\n",
   "Enable expert parallelism (EP = TP) for MoE experts, or use a TP size the message lists.")
PAGES["DPL1005"] = ("vLLM only: the memory outside the budget, total x (1 - gpuMemoryUtilization), is smaller than the CUDA context (about 0.5 GiB; with TP > 1 on NVSwitch systems 1 GiB more for the NCCL communicators set up before vLLM's snapshot) plus the smallest CUDA-graph pool measured on vLLM 0.19 (0.64 GiB; none with --enforce-eager). The factors and their sources are in catalog/efficiency.yaml.",
   "The budget covers weights, activations and the KV cache, not the CUDA context (created before vLLM's baseline) or the CUDA graphs (captured after the KV cache is allocated). vLLM refuses to start when free memory is below the budget ('Free memory on device ... on startup is less than desired GPU memory utilization'), or runs out of memory during graph capture.",
   H + "name: qwen-small-4090\nmodel: { id: Qwen/Qwen2.5-0.5B-Instruct }\nhardware: { gpu: RTX-4090-24GB }\nserving:\n  gpuMemoryUtilization: 0.98\n  maxModelLen: 4096\n",
   "Lower gpuMemoryUtilization to the value the message names, or run with --enforce-eager (no CUDA graphs, slower decode).")
PAGES["DPL1006"] = ("vLLM V1 only, where the room has been measured: MXFP4 MoE experts on Hopper (gpt-oss through triton_kernels). The memory outside the budget, total x (1 - gpuMemoryUtilization), must hold the CUDA context (plus NCCL communicators with TP > 1 on NVSwitch), the CUDA-graph pool (1.84 GiB at TP 1, 1.55 GiB at TP 2) and the blocks the caching allocator keeps reserved but cannot hand to the sampler warm-up (1.78 / 1.62 GiB at 1,024 requests, scaled by max_num_seqs). All factors and the logs they come from are in catalog/efficiency.yaml.",
   "vLLM sizes the KV cache to the budget, captures CUDA graphs, and only then runs the sampler on max_num_seqs dummy requests (compile_or_warm_up_model). Its vocabulary-sized fp32 tensors (786 MiB each for gpt-oss at 1,024 requests) need fresh blocks; when they do not fit the engine exits with 'CUDA out of memory occurred when warming up sampler with 1024 dummy requests' after minutes of loading. Both gpt-oss-20b runs of the llm-d-planner vLLM 0.19 sweep at gpu_memory_utilization 0.95 (TP 1 and TP 2) ended this way; TP 2 at 0.90 started.",
   H + "name: gpt-oss-20b-h100\nmodel: { id: openai/gpt-oss-20b, weights: mxfp4 }\nhardware: { gpu: H100-SXM-80GB }\nserving:\n  engine: vllm@0.19\n  gpuMemoryUtilization: 0.95\n  maxModelLen: 8192\n",
   "Lower gpuMemoryUtilization to the value the message names, or lower maxConcurrentSequences (max_num_seqs) so the warm-up's tensors are smaller.")
PAGES["DPL1007"] = ("vLLM 0.21 and later (V1), models with recurrent layers (Gated DeltaNet, Mamba, KDA) beside attention, CUDA graphs on, no speculative decoding: the pool's blocks (KV budget / (page x layers per group), the same pool the KV cache uses) against max_num_seqs, declared or vLLM's default (1024 on GPUs of 70 GiB and more other than A100, else 256).",
   "Each running request keeps its recurrent state in one block of the shared pool, and vLLM captures FULL decode graphs up to max_num_seqs, so it checks at start-up that many blocks exist: 'ValueError: max_num_seqs (1024) exceeds available Mamba cache blocks (635). Each decode sequence requires one Mamba cache block, so CUDA graph capture cannot proceed.' Public reports of this refusal cover Qwen3.6-27B on a 96 GB card (635 blocks), Qwen3.6 on 32 GB and 48 GB cards at the default 256, and Kimi Linear-style models (854 blocks). The KV cache may be ample: the state blocks, not the tokens, set the ceiling.",
   H + "name: qwen36-27b-pro6000\nmodel: { id: Qwen/Qwen3.6-27B }\nhardware: { gpu: RTX-PRO-6000-BLACKWELL-SE-96GB }\nserving: { engine: vllm }\n",
   "Set maxConcurrentSequences (--max-num-seqs) to at most the blocks the message names, or free memory for the pool (a smaller weight format, an fp8 KV cache, more GPUs).")
PAGES["DPL4009"] = ("An AWQ or GPTQ int4 matrix whose tensor-parallel shard is not a whole number of the Marlin kernel's tiles: 64 output rows (min_thread_n) by 128 input columns (min_thread_k). Checked on Ampere and newer GPUs, where vLLM uses Marlin; group misalignment is DPL4008's.",
   "vLLM falls back to the unoptimized AWQ kernel ('Layer ... is not supported by AWQMarlin. Falling back to unoptimized AWQ kernels'), several times slower at decode, and gptq_marlin refuses the shape ('Weight input_size_per_partition = 2752 is not divisible by min_thread_k = 128. Consider reducing tensor_parallel_size or running with --quantization gptq').",
   H + "name: llama2-7b-gptq-tp4\nmodel: { config: models/llama-2-7b-gptq-channelwise/config.json }\nhardware: { gpu: A100-SXM-80GB, gpusPerNode: 4 }\nparallelism:\n  tensor: 4\nserving: { maxModelLen: 4096 }\n",
   "Use a TP size the message lists, or a checkpoint quantized with a group size that keeps whole tiles.")
PAGES["DPL2005"] = ("An FP8 KV cache (kvCache fp8, fp8-e4m3, fp8-e5m2; --kv-cache-dtype) on an NVIDIA GPU before compute capability 8.9, with an engine whose attention kernels cannot store it there. vLLM 0.11 and later (V1 only): an error below sm80, where TRITON_ATTN is the only backend, or when VLLM_ATTENTION_BACKEND / --attention-backend selects TRITON_ATTN; a warning on Ampere otherwise, because the plan then depends on FlashInfer being installed and chosen. TensorRT-LLM: an error (no FP8 before Ada). Earlier vLLM falls back to the V0 engine, which converts in software, and is not flagged; SGLang is not flagged.",
   "The KV cache is written by the attention backend's cache kernel. FlashAttention 2 has no FP8 path, Triton's fp8e4nv type needs sm89 ('type fp8e4nv not supported in this architecture. The supported fp8 dtypes are ('fp8e4b15', 'fp8e5')', vllm#26431, vllm#35720), and FlashInfer converts in software (vllm#24577). The engine fails during its first profile run, after the weights have loaded.",
   H + "name: llama-8b-fp8-kv-on-v100\nmodel: { id: meta-llama/Llama-3.1-8B-Instruct, weights: fp16, kvCache: fp8 }\nhardware: { gpu: V100-SXM-32GB }\nserving: { engine: vllm, maxModelLen: 8192 }\n",
   "Use a 16-bit KV cache, or on Ampere set VLLM_ATTENTION_BACKEND=FLASHINFER; on TensorRT-LLM use its INT8 KV cache or 16 bits.")
PAGES["DPL0019"] = ("An entry of a user catalog (deploylint --catalog FILE, MSBuild DeployLintCatalog items) lacks a required field (id, memoryBytes, hbmGBps, tflops, source; for models ids, config, source), has an impossible value, reuses an id that already exists, or describes a model whose architecture cannot be counted.",
   "User catalogs add private GPUs and models; silently overriding a built-in id would change every plan that uses it, and a row without a source cannot be checked.",
   None, "Give the entry a new id and every required field, with its source.")
CSHARP_EXAMPLES = {"DPL0019": ("A catalog that reuses a built-in id:\n\n```yaml\ngpus:\n  - id: H100-SXM-80GB\n    memoryBytes: 103079215104\n    hbmGBps: 4000\n    tflops: { bf16: 900 }\n    source: \"ACME X1 datasheet rev 3\"\n```\n\n`deploylint check p.deploy.yaml --catalog acme.catalog.yaml` prints on stderr and exits 1:\n\n```\nacme.catalog.yaml(2,9): error DPL0019: GPU id 'H100-SXM-80GB' already exists in the catalog; user catalogs add GPUs under new ids\n```\n"),
"DPL0018": ("```csharp\n[assembly: DeployLint.DeploymentManifest(\"deploy/prd.deploy.yaml\")]\n```\n\nWith only `deploy/prod.deploy.yaml` in the project, the build and the IDE report:\n\n```\nProgram.cs(1,42): error DPL0018: no deployment manifest named 'deploy/prd.deploy.yaml' among the project's manifests; did you mean 'prod.deploy.yaml'?\n```\n")}
def run(example):
    tmp = tempfile.mkdtemp()
    try:
        bad_dir = os.path.join(ROOT, 'samples/manifests/bad')
        path = os.path.join(tmp, 'example.deploy.yaml')
        open(path, 'w').write(example)
        if os.path.isdir(os.path.join(bad_dir, 'models')): shutil.copytree(os.path.join(bad_dir, 'models'), os.path.join(tmp, 'models'))
        os.makedirs(os.path.join(tmp, '.git'))
        out = subprocess.run(['dotnet', CLI, 'check', 'example.deploy.yaml'], cwd=tmp, capture_output=True, text=True).stdout
        return "\n".join(l for l in out.splitlines() if l.startswith('example.deploy.yaml('))
    finally:
        shutil.rmtree(tmp)
meta = subprocess.run(['dotnet', CLI, 'rules'], capture_output=True, text=True).stdout.splitlines()
titles = {l.split()[0]: (l.split()[1], l.split(None, 2)[2].strip()) for l in meta if l.startswith('DPL')}
for rid, (what, why, example, fix) in PAGES.items():
    sev, title = titles[rid]
    title = title.split(None, 0)[0] if False else title
    title = re.sub(r'^(error|warning|info)\s+', '', title)
    lines = [f"# {rid}: {title}", "", f"Default severity: **{sev}**", "", "## What it checks", "", what, "", "## Why", "", why, "", "## Example", ""]
    if example:
        lines += ["```yaml", example.rstrip("\n"), "```", "", "`deploylint check example.deploy.yaml` prints:", "", "```text", run(example), "```", ""]
    elif rid in CSHARP_EXAMPLES:
        lines += [CSHARP_EXAMPLES[rid]]
    else:
        lines += ["No manifest triggers it deliberately.", ""]
    lines += ["## Fix", "", fix, "", "## Configure", "",
      f"- In the manifest: `suppress: [{{ rule: {rid}, reason: \"...\" }}]` (a reason is required).",
      f"- In a project: `.globalconfig` with `is_global = true` and `dotnet_diagnostic.{rid}.severity = none|suggestion|warning|error`.",
      f"- On the command line: `--ignore {rid}` or `--severity {rid}=warning`.", ""]
    open(os.path.join(ROOT, 'rules', rid + '.md'), 'w').write("\n".join(lines))
missing = [t for t in titles if t not in PAGES]
print("pages written; missing:", missing)
index = ["# DeployLint rules", "", "One page per rule. Written by `rules/tools/pages.py`; every page's example output is re-checked by the tests.", "",
         "| id | default severity | title |", "| --- | --- | --- |"]
for rid in sorted(titles):
    sev, title = titles[rid]
    clean = re.sub(r'^(error|warning|info)\s+', '', title)
    index.append(f"| [{rid}]({rid}.md) | {sev} | {clean} |")
index += ["", "## Severity policy", "",
          "The same for every rule and every file format DeployLint reads (a native manifest, a Pod, a Deployment, a LeaderWorkerSet, Helm values, compose):", "",
          "- **error**: the engine refuses the plan or crashes: it does not fit, cannot be split that way, runs a precision the GPU lacks, its KV cache cannot hold one request at the declared context, or the input cannot be read.",
          "- **warning**: the engine starts and serves, but badly or wastefully (idle GPUs, TP over a slow link, latency targets missed), or DeployLint could not check part of it (an unknown model or architecture).",
          "- **info**: advice and notes (a smaller layout fits, a name was resolved, a detail the file leaves unknown).", "",
          "A plan the engine starts and serves is never an error. Severities are changed like any analyzer's: `.globalconfig`, `--severity`, `suppress:` with a reason.",
          "", "Catalog data (GPUs, links, models, node labels and instance types, each row with its source) lives in [catalog/](catalog/).",
          "How each serving engine budgets GPU memory, and the defaults DeployLint fills in for it: [engines.md](engines.md)."]
open(os.path.join(ROOT, 'rules', 'README.md'), 'w').write("\n".join(index) + "\n")
