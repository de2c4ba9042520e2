using System.Reflection;
using System.Runtime.Loader;

namespace Autograd.Interactive;

/// <summary>
/// Loads the assemblies copied next to this one when a notebook needs them: Plotly.NET and its F# dependencies, and
/// the library's own System.Numerics.Tensors (which the library's build folder holds too, for a notebook that loads
/// <c>Autograd.dll</c> alone).
/// </summary>
/// <remarks>
/// <para>
/// The kernel loads a DLL named by <c>#r</c> but not that DLL's dependencies, so this class answers the default
/// context's <see cref="AssemblyLoadContext.Resolving"/> event with the files in this assembly's folder.
/// </para>
/// <para>
/// Plotly.NET 6 needs FSharp.Core 10.1, and the dotnet-interactive kernel loads FSharp.Core 10.0 at start-up, so
/// the default context cannot bind Plotly.NET's FSharp.Core reference. When the host's FSharp.Core is older than
/// ours, every F# assembly of the chart stack (FSharp.Core, Plotly.NET, Plotly.NET.CSharp, DynamicObj,
/// Giraffe.ViewEngine, Fable.Core) goes together into one separate context, so they all bind to the same
/// FSharp.Core; with only some of them there, the rest bind to the host's copy and fail with
/// MissingMethodException. Other dependencies (Newtonsoft.Json, System.Numerics.Tensors) come from the host when it
/// has them, else from this folder into the default context. A host that already has a new enough FSharp.Core (an
/// in-process harness) gets the F# assemblies in its default context too, so there is one FSharp.Core and one set
/// of F# types.
/// </para>
/// <para>
/// The handler must be in place before any code that touches a Plotly.NET type is compiled to machine code, which
/// is why <see cref="Notebook.Setup"/> runs in a cell before the first chart.
/// </para>
/// </remarks>
internal static class DependencyLoader
{
    private const string ContextName = "Autograd.Interactive.Plotly";

    // Marks the process once a handler is in place, across every copy of this assembly a host may have loaded.
    private const string InstalledKey = "Autograd.Interactive.DependencyLoader.Installed";

    // FSharp.Core and everything below Plotly.NET that references it.
    private static readonly HashSet<string> ChartAssemblies =
        ["FSharp.Core", "Plotly.NET", "Plotly.NET.CSharp", "DynamicObj", "Giraffe.ViewEngine", "Fable.Core"];

    private static readonly object Gate = new();
    private static string? directory;
    private static AssemblyLoadContext? isolated;

    /// <summary>The folder the chart assemblies are loaded from: the one this assembly was loaded from.</summary>
    internal static string Directory => directory ??= Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? "";

    /// <summary>Whether the chart assemblies load into their own context, because the host's FSharp.Core is older.</summary>
    internal static bool IsIsolated => isolated is not null;

    /// <summary>Installs the handler once per process; later calls do nothing.</summary>
    internal static void Install()
    {
        lock (Gate)
        {
            if (AppContext.GetData(InstalledKey) is not null || Directory.Length == 0)
            {
                return;
            }

            if (HostFSharpCoreIsOlder())
            {
                isolated = FindOrCreateContext();
            }

            AssemblyLoadContext.Default.Resolving += Resolve;
            AppContext.SetData(InstalledKey, ContextName);
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        var path = PathOf(name);
        if (path is null)
        {
            return null;
        }

        return isolated is not null && IsChartAssembly(name) ? isolated.LoadFromAssemblyName(name) : context.LoadFromAssemblyPath(path);
    }

    /// <summary>The file next to this assembly that provides <paramref name="name"/>, if any.</summary>
    internal static string? PathOf(AssemblyName name)
    {
        if (name.Name is null || name.Name.StartsWith("Autograd", StringComparison.Ordinal))
        {
            // The library and this integration belong to the host's context: charts never hand them across.
            return null;
        }

        var path = Path.Combine(Directory, name.Name + ".dll");
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Whether <paramref name="name"/> is FSharp.Core or built on it, and so goes into the separate context.
    /// Newtonsoft.Json is not: the chart code here and Plotly.NET must share the host's copy of its types.
    /// </summary>
    internal static bool IsChartAssembly(AssemblyName name) => name.Name is not null && ChartAssemblies.Contains(name.Name);

    private static bool HostFSharpCoreIsOlder()
    {
        var ours = PathOf(new AssemblyName("FSharp.Core"));
        var host = HostFSharpCoreVersion();
        return ours is not null && host is not null && host < AssemblyName.GetAssemblyName(ours).Version;
    }

    /// <summary>The FSharp.Core the default context has loaded, or would load from the host's own files.</summary>
    private static Version? HostFSharpCoreVersion()
    {
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == "FSharp.Core");
        if (loaded is not null)
        {
            return loaded.GetName().Version;
        }

        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator);
        var file = trusted.FirstOrDefault(p => Path.GetFileName(p).Equals("FSharp.Core.dll", StringComparison.OrdinalIgnoreCase));
        return file is null ? null : AssemblyName.GetAssemblyName(file).Version;
    }

    private static AssemblyLoadContext FindOrCreateContext() =>
        AssemblyLoadContext.All.FirstOrDefault(c => c.Name == ContextName) ?? new ChartContext();

    /// <summary>Loads the F# assemblies found next to this one; anything else comes from the default context.</summary>
    private sealed class ChartContext() : AssemblyLoadContext(ContextName)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = IsChartAssembly(assemblyName) ? PathOf(assemblyName) : null;
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }
}
