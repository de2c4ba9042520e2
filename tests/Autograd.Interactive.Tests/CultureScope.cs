using System.Globalization;

namespace Autograd.Interactive.Tests;

/// <summary>Runs a test under another culture, as a notebook on a German machine would, and restores it after.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo previous = CultureInfo.CurrentCulture;

    private CultureScope(string name) => CultureInfo.CurrentCulture = new CultureInfo(name);

    public static CultureScope German() => new("de-DE");

    public void Dispose() => CultureInfo.CurrentCulture = previous;
}
