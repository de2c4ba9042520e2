using System.Reflection;

namespace Autograd.Interactive.Tests;

public class DependencyLoaderTests
{
    [Fact]
    public void A_host_with_a_new_enough_FSharp_Core_keeps_one_context()
    {
        // This test host runs FSharp.Core 10.1 itself, as an in-process notebook runner does.
        Notebook.Setup();

        Assert.False(DependencyLoader.IsIsolated);
    }

    [Theory]
    [InlineData("FSharp.Core", true)]
    [InlineData("Plotly.NET", true)]
    [InlineData("Plotly.NET.CSharp", true)]
    [InlineData("DynamicObj", true)]
    [InlineData("Giraffe.ViewEngine", true)]
    [InlineData("Newtonsoft.Json", false)]
    [InlineData("Autograd", false)]
    public void Only_the_F_sharp_chart_assemblies_go_into_their_own_context(string name, bool isolated)
    {
        Assert.Equal(isolated, DependencyLoader.IsChartAssembly(new AssemblyName(name)));
    }

    [Fact]
    public void The_library_is_never_loaded_from_the_integration_s_folder()
    {
        Assert.Null(DependencyLoader.PathOf(new AssemblyName("Autograd")));
        Assert.NotNull(DependencyLoader.PathOf(new AssemblyName("Plotly.NET")));
    }
}
