using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// Loads the kernel extensions a NuGet package ships in <c>interactive-extensions/dotnet/</c> (Plotly.NET.Interactive's
/// chart formatter, for instance). The dotnet-interactive tool does this after <c>#r "nuget: …"</c>; the hosting
/// packages do not, so an in-process host has to.
/// </summary>
internal static class PackageExtensions
{
    public static async Task LoadAsync(Kernel rootKernel, IEnumerable<ResolvedPackageReference> packages)
    {
        foreach (var package in packages)
        {
            var folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                var assembly = LoadOnce(file);
                var extensionTypes = assembly.ExportedTypes.Where(type =>
                    typeof(IKernelExtension).IsAssignableFrom(type)
                    && !type.IsAbstract
                    && type.GetConstructor(Type.EmptyTypes) is not null);
                foreach (var type in extensionTypes)
                {
                    await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(rootKernel);
                }
            }
        }
    }

    // A later notebook in the same process reuses the assembly an earlier one loaded: the default context cannot
    // load the same assembly twice.
    private static Assembly LoadOnce(string file)
    {
        var name = AssemblyName.GetAssemblyName(file);
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(loaded =>
                   AssemblyName.ReferenceMatchesDefinition(loaded.GetName(), name)
                   && loaded.GetName().Version == name.Version)
               ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
    }
}
