using System;
using System.Globalization;

namespace DeployLint.Text
{
    /// <summary>
    /// Runs Core under the invariant culture and restores the caller's: messages and numbers are the same bytes whether
    /// DeployLint runs in a de-DE Visual Studio, a tr-TR MSBuild node or the CLI (no decimal commas, no dotless i).
    /// </summary>
    public readonly struct InvariantCultureScope : IDisposable
    {
        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        private InvariantCultureScope(CultureInfo culture, CultureInfo uiCulture)
        {
            _culture = culture;
            _uiCulture = uiCulture;
        }

        public static InvariantCultureScope Enter()
        {
            var scope = new InvariantCultureScope(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return scope;
        }

        public void Dispose()
        {
            if (_culture == null) return;
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
