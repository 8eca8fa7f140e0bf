using System;
using System.IO;
using System.Linq;
using System.Text;

namespace DeployLint.Cli.Commands
{
    /// <summary>
    /// `deploylint completion bash|zsh|fish`: a completion script generated from the command table (commands, each
    /// command's options) and the catalog (GPU and model ids for --gpu and --model, link ids for --inter-node).
    /// </summary>
    internal static class CompletionCommand
    {
        public static readonly CommandHelp Definition = new CommandHelp("completion", Array.Empty<string>(), "deploylint completion bash|zsh|fish",
                "Prints a shell completion script: commands, options, and catalog GPU, model and link ids after --gpu, --model and\n" +
                "--inter-node. bash: source <(deploylint completion bash); zsh: the same with zsh; fish: deploylint completion fish | source.", "",
                Run);

        public static int Run(CommandLine cl, TextWriter stdout, TextWriter stderr)
        {
            string shell = cl.Paths.FirstOrDefault() ?? "";
            switch (shell)
            {
                case "bash":
                    stdout.Write(Bash(cl.Catalog));
                    return Program.Clean;
                case "zsh":
                    stdout.Write("autoload -U +X bashcompinit && bashcompinit\n" + Bash(cl.Catalog));
                    return Program.Clean;
                case "fish":
                    stdout.Write(Fish(cl.Catalog));
                    return Program.Clean;
                default:
                    stderr.WriteLine("deploylint completion: give bash, zsh or fish, e.g. source <(deploylint completion bash)");
                    return Program.Usage;
            }
        }

        private static string Words(System.Collections.Generic.IEnumerable<string> words) => string.Join(" ", words.Where(w => w.All(c => char.IsLetterOrDigit(c) || "-_./".IndexOf(c) >= 0)));

        private static string Bash(Catalog.HardwareCatalog catalog)
        {
            var sb = new StringBuilder();
            sb.Append("# deploylint completion for bash: source <(deploylint completion bash)\n");
            sb.Append("_deploylint() {\n");
            sb.Append("  local cur prev cmd opts\n");
            sb.Append("  cur=\"${COMP_WORDS[COMP_CWORD]}\"; prev=\"${COMP_WORDS[COMP_CWORD-1]}\"; cmd=\"${COMP_WORDS[1]}\"\n");
            sb.Append($"  if [ \"$COMP_CWORD\" -eq 1 ]; then COMPREPLY=( $(compgen -W \"{Words(CommandHelp.Names)}\" -- \"$cur\") ); return; fi\n");
            sb.Append("  case \"$prev\" in\n");
            sb.Append($"    --gpu) COMPREPLY=( $(compgen -W \"{Words(catalog.Gpus.Select(g => g.Id))}\" -- \"$cur\") ); return;;\n");
            sb.Append($"    --model) COMPREPLY=( $(compgen -W \"{Words(catalog.ModelIds)}\" -- \"$cur\") ); return;;\n");
            sb.Append($"    --inter-node) COMPREPLY=( $(compgen -W \"{Words(catalog.Links.Select(l => l.Id))}\" -- \"$cur\") ); return;;\n");
            sb.Append("    --format|-f) COMPREPLY=( $(compgen -W \"text json sarif github markdown codeclimate junit\" -- \"$cur\") ); return;;\n");
            sb.Append("    --fail-on) COMPREPLY=( $(compgen -W \"error warning none\" -- \"$cur\") ); return;;\n");
            sb.Append("    --objective) COMPREPLY=( $(compgen -W \"gpus cost throughput latency\" -- \"$cur\") ); return;;\n");
            sb.Append("  esac\n");
            sb.Append("  case \"$cmd\" in\n");
            foreach (var name in CommandHelp.Names)
            {
                sb.Append($"    {name}) opts=\"{Words(CommandHelp.Find(name)!.Options.Append("--help"))}\";;\n");
            }
            sb.Append("    *) opts=\"\";;\n");
            sb.Append("  esac\n");
            sb.Append("  if [[ \"$cur\" == -* ]]; then COMPREPLY=( $(compgen -W \"$opts\" -- \"$cur\") ); else COMPREPLY=( $(compgen -f -- \"$cur\") ); fi\n");
            sb.Append("}\n");
            sb.Append("complete -o filenames -F _deploylint deploylint\n");
            return sb.ToString();
        }

        private static string Fish(Catalog.HardwareCatalog catalog)
        {
            var sb = new StringBuilder();
            sb.Append("# deploylint completion for fish: deploylint completion fish | source\n");
            sb.Append($"complete -c deploylint -f -n __fish_use_subcommand -a \"{Words(CommandHelp.Names)}\"\n");
            foreach (var name in CommandHelp.Names)
            {
                foreach (var option in CommandHelp.Find(name)!.Options.Where(o => o.StartsWith("--")))
                {
                    string values = option switch
                    {
                        "--gpu" => Words(catalog.Gpus.Select(g => g.Id)),
                        "--model" => Words(catalog.ModelIds),
                        "--inter-node" => Words(catalog.Links.Select(l => l.Id)),
                        "--format" => "text json sarif github markdown codeclimate junit",
                        _ => "",
                    };
                    sb.Append($"complete -c deploylint -n \"__fish_seen_subcommand_from {name}\" -l {option.Substring(2)}" + (values.Length > 0 ? $" -x -a \"{values}\"" : "") + "\n");
                }
            }
            return sb.ToString();
        }
    }
}
