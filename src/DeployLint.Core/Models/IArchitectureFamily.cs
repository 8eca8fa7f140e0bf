using System;
using System.Collections.Generic;
using DeployLint.Yaml;

namespace DeployLint.Models
{
    /// <summary>Builds the <see cref="Architecture"/> of one config.json model family.</summary>
    public interface IArchitectureFamily
    {
        IReadOnlyList<string> ModelTypes { get; }
        Architecture Build(ModelConfig config);
    }
}
