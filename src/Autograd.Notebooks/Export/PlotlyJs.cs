namespace Autograd.Notebooks.Export;

/// <summary>
/// plotly.js, for HTML pages whose charts must draw offline. Plotly.NET embeds the minified script it was built
/// against as a resource (for its own self-contained HTML export), so no CDN and no extra package is needed.
/// </summary>
internal static class PlotlyJs
{
    /// <summary>The file name pages refer to, next to them in the artifacts folder.</summary>
    public const string FileName = "plotly.min.js";

    /// <summary>The script's text.</summary>
    /// <exception cref="InvalidOperationException">The Plotly.NET assembly no longer embeds plotly.js.</exception>
    public static string Load()
    {
        var assembly = typeof(Plotly.NET.Chart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .FirstOrDefault(resource =>
                resource.Contains("plotly", StringComparison.OrdinalIgnoreCase)
                && resource.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"{assembly.GetName().Name} {assembly.GetName().Version} embeds no plotly.min.js resource");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Loads the local script, then stands in for require.js: Plotly.NET's chart HTML asks require.js for plotly.js
    /// (and fetches require.js from a CDN when the page has none); this hands it the plotly.js already loaded.
    /// </summary>
    public const string HeadElements = $$"""
        <script src="{{FileName}}"></script>
        <script>
        window.requirejs = window.require = function (modules, loaded) { loaded(window.Plotly); };
        window.requirejs.config = function () { return window.requirejs; };
        </script>
        """;

    /// <summary>Whether an output needs plotly.js.</summary>
    public static bool IsNeededBy(string html) => html.Contains("Plotly", StringComparison.Ordinal);
}
