using System.Text;
using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Apps;

/// <summary>
/// Writes a notebook as a .NET file-based app, <c>notebooks/NN-name.cs</c> beside <c>notebooks/NN-name.ipynb</c>, which
/// <c>dotnet run notebooks/NN-name.cs</c> runs from the repository root: the same code cells in order, the prose as
/// comments, printing the notebook's text outputs and writing its pictures as SVG files.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The cells' <c>#r</c> lines become <c>#:project</c> directives (a project's build output) or
/// <c>#:package</c> ones (<c>#r "nuget: …"</c>), and their <c>using</c> directives move to the top of the file.</item>
/// <item>A cell's last expression, which the notebook shows, becomes <c>Notebook.Display(…);</c>; the first statement,
/// <c>Notebook.SetupApp(…)</c>, makes that print and draw without a kernel (and run in the notebook's folder, so
/// relative paths mean what they mean in the notebook).</item>
/// <item>Classes and other types a cell declares move after the statements, where C# wants them; cells that declare
/// a name again get blocks (<see cref="AppScopes"/>).</item>
/// <item>Properties: <c>PublishAot=false</c> (file-based apps default to native AOT, which turns off the reflection
/// Plotly.NET's JSON needs); nullable checks off, and warnings neither shown nor errors, as in a notebook's kernel.</item>
/// </list>
/// </remarks>
internal static class AppWriter
{
    /// <summary>The method the app calls to show a cell's last expression.</summary>
    public const string DisplayCall = "Notebook.Display";

    private const string Indent = "    ";

    /// <summary>The app's path for a notebook: the same folder and name, ending in <c>.cs</c>.</summary>
    public static string AppPath(string notebookPath) => Path.ChangeExtension(notebookPath, ".cs");

    /// <summary>The folder the app writes its pictures to, relative to its own: <c>../artifacts/pictures/NN-name</c>.</summary>
    public static string PicturesFolder(string notebookPath) =>
        "../artifacts/pictures/" + Path.GetFileNameWithoutExtension(notebookPath);

    /// <summary>The app's text for <paramref name="notebook"/>.</summary>
    /// <exception cref="NotSupportedException">A cell cannot be written as part of a program; the message says which
    /// and why.</exception>
    public static string Write(NotebookDocument notebook)
    {
        var code = notebook.Cells.Where(cell => cell.IsCode).Select(cell => CellCode.Parse(cell.Number, cell.Source, DisplayCall)).ToList();
        var blocks = AppScopes.Find(code);
        var firstOfBlock = blocks.Select(b => code[b.First].Number).ToHashSet();
        var lastOfBlock = blocks.Select(b => code[b.Last].Number).ToHashSet();
        var name = notebook.Name;
        var app = new StringBuilder();
        void Line(string text = "") => app.Append(text).Append('\n');

        Line($"// {Path.GetFileName(AppPath(name))}: the notebook {name} as a program. Run it from the repository root with");
        Line($"// `dotnet run notebooks/{Path.GetFileName(AppPath(name))}`. Written by `dotnet run --project src/Autograd.Notebooks -- update`");
        Line("// from the notebook: change the notebook, not this file.");
        var directives = new List<string> { "#:project ../src/Autograd/Autograd.csproj", "#:project ../src/Autograd.Interactive/Autograd.Interactive.csproj" };
        directives.AddRange(code.SelectMany(cell => cell.References));
        directives.AddRange([
            "#:property PublishAot=false",
            "#:property Nullable=disable",
            "#:property TreatWarningsAsErrors=false",
            "#:property EnforceCodeStyleInBuild=false",
            "#:property WarningLevel=0",
        ]);
        foreach (var directive in directives.Distinct(StringComparer.Ordinal))
        {
            Line(directive);
        }

        Line();
        // The cells' own, then what the kernel imports by itself and the app needs (Notebook).
        var usings = code.SelectMany(cell => cell.Usings).Concat(["using System.Text;", "using Autograd.Interactive;"]);
        foreach (var directive in usings.Distinct(StringComparer.Ordinal))
        {
            Line(directive);
        }

        Line();
        Line("// Without a kernel: values the notebook shows print as text, and pictures are written as SVG files.");
        Line($"Notebook.SetupApp(\"{PicturesFolder(notebook.Path)}\");");
        var indent = "";
        foreach (var cell in notebook.Cells)
        {
            if (!cell.IsCode)
            {
                Line();
                foreach (var line in cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n'))
                {
                    Line((indent + "// " + line).TrimEnd());
                }

                continue;
            }

            var parsed = code.First(c => c.Number == cell.Number);
            Line();
            if (firstOfBlock.Contains(cell.Number))
            {
                Line(indent + "{");
                indent = Indent;
            }

            if (parsed.Statements.Length == 0)
            {
                var declared = parsed.Types.Count == 0 ? "" : " declares " + string.Join(", ", parsed.TypeNames) + ", at the end of the file";
                Line($"{indent}// cell {cell.Number}{declared}");
            }
            else
            {
                Line($"{indent}// cell {cell.Number}");
                foreach (var line in parsed.Statements.Split('\n'))
                {
                    Line(line.Length == 0 || HasMultilineText(parsed.Statements) ? line : indent + line);
                }
            }

            if (lastOfBlock.Contains(cell.Number))
            {
                indent = "";
                Line("}");
            }
        }

        var types = code.SelectMany(cell => cell.Types.Select(type => (cell.Number, type))).ToList();
        if (types.Count > 0)
        {
            Line();
            Line("// The types the cells declare: a program declares them after its top-level statements.");
            foreach (var (number, type) in types)
            {
                Line();
                Line($"// cell {number}");
                Line(type);
            }
        }

        return app.ToString();
    }

    // Indenting the lines of a verbatim or raw string would change the string.
    private static bool HasMultilineText(string code) =>
        code.Contains("\"\"\"", StringComparison.Ordinal) || code.Contains("@\"", StringComparison.Ordinal);
}
