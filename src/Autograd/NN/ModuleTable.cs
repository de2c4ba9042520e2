using System.Text;

namespace Autograd.NN;

/// <summary>
/// A module printed as a table of its layers: each one's name in <see cref="Module.NamedParameters"/> (a
/// <see cref="Sequential"/> inside another opened up, <c>1.0</c>, <c>1.1</c>), the layer, its parameters' names and
/// shapes, and its parameter count; then the total.
/// </summary>
/// <example>
/// <code>
/// Sequential: 4 layers, 17 parameters
/// #  Layer         Parameter shapes      Parameters
/// 0  Linear(2, 3)  weight 2×3, bias 1×3           9
/// 1  ReLU          —                              0
/// 2  Linear(3, 2)  weight 3×2, bias 1×2           8
/// 3  Softmax       —                              0
///    total                                       17
/// </code>
/// Layer 0's parameters are saved as <c>0.weight</c> and <c>0.bias</c>: the row's name, a dot, the parameter's.
/// </example>
internal static class ModuleTable
{
    internal static readonly IReadOnlyList<string> Headings = ["#", "Layer", "Parameter shapes", "Parameters"];

    /// <summary>The table as aligned text: the title, the headings, a line per layer and the total.</summary>
    internal static string Text(Module module)
    {
        var rows = new List<string[]> { Headings.ToArray() };
        rows.AddRange(Rows(module).Select(r => new[] { r.Name, r.Layer, r.Shapes, NumberText.Count(r.Count) }));
        rows.Add(["", "total", "", NumberText.Count(module.ParameterCount)]);
        var widths = Enumerable.Range(0, Headings.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder(Title(module));
        foreach (var row in rows)
        {
            text.Append('\n')
                .Append(row[0].PadLeft(widths[0])).Append("  ")
                .Append(row[1].PadRight(widths[1])).Append("  ")
                .Append(row[2].PadRight(widths[2])).Append("  ")
                .Append(row[3].PadLeft(widths[3]));
        }

        return text.ToString();
    }

    /// <summary><c>Sequential: 4 layers, 17 parameters</c>, or for any other module <c>Linear: 9 parameters</c>.</summary>
    internal static string Title(Module module)
    {
        var parameters = Plural(module.ParameterCount, "parameter");
        return module is Sequential sequential
            ? $"Sequential: {Plural(sequential.Count, "layer")}, {parameters}"
            : $"{module.GetType().Name}: {parameters}";
    }

    /// <summary>
    /// A row per layer: its name (empty for a module that is a layer itself), the layer as it prints on one line,
    /// its own parameters' names and shapes (— for none) and how many numbers they hold.
    /// </summary>
    internal static IEnumerable<Row> Rows(Module module) =>
        module.TableRows().Select(row =>
        {
            var own = row.Module.OwnStateEntries().ToList();
            var shapes = string.Join(", ", own.Select(e => $"{e.Name} {e.Tensor.Rows}×{e.Tensor.Cols}"));
            long count = own.Select(e => e.Tensor).Distinct<Tensor>(ReferenceEqualityComparer.Instance).Sum(t => (long)t.Data.Length);
            return new Row(row.Name, LayerName(row.Module), shapes.Length == 0 ? "—" : shapes, count);
        });

    /// <summary>
    /// The layer as it prints on one line. A Sequential is a row only when it has no layers, and prints as this table,
    /// so it is named by its type.
    /// </summary>
    private static string LayerName(Module layer) =>
        layer is Sequential ? nameof(Sequential) : layer.ToString().ReplaceLineEndings(" ");

    private static string Plural(long n, string noun) => $"{NumberText.Count(n)} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>One layer of the table.</summary>
    /// <param name="Name">Its name, the prefix of its parameters' saved names: <c>0</c>, <c>1.0</c>.</param>
    /// <param name="Layer">The layer as it prints on one line, such as <c>Linear(2, 3)</c>.</param>
    /// <param name="Shapes">Its own parameters' names and shapes, <c>weight 2×3, bias 1×3</c>, or — for none.</param>
    /// <param name="Count">How many numbers its own parameters hold.</param>
    internal sealed record Row(string Name, string Layer, string Shapes, long Count);
}
