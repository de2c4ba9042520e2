using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Autograd.Notebooks.Apps;

/// <summary>
/// One code cell, taken apart for a file-based app: its <c>using</c> directives (which go to the top of the file), its
/// statements (in place, with a final expression turned into a call that shows it), its type declarations (which go
/// after the statements), what it loads with <c>#r</c>, and the names it declares and uses (to decide which cells need
/// a block of their own, <see cref="AppScopes"/>).
/// </summary>
internal sealed partial class CellCode
{
    private static readonly CSharpParseOptions Script =
        new(LanguageVersion.Preview, DocumentationMode.None, SourceCodeKind.Script);

    private CellCode(int number)
    {
        Number = number;
    }

    /// <summary>The cell's number in the notebook, counting from 1, markdown cells included.</summary>
    public int Number { get; }

    /// <summary>The <c>using</c> directives, as written (<c>using Autograd.NN;</c>).</summary>
    public IReadOnlyList<string> Usings { get; private set; } = [];

    /// <summary>What <c>#r</c> loads, as the app's directives: <c>#:project …</c> or <c>#:package …</c>.</summary>
    public IReadOnlyList<string> References { get; private set; } = [];

    /// <summary>The statements, local functions included, with the final expression (if any) shown.</summary>
    public string Statements { get; private set; } = "";

    /// <summary>The classes, records, structs, interfaces, enums and delegates the cell declares, each as written.</summary>
    public IReadOnlyList<string> Types { get; private set; } = [];

    /// <summary>The names of <see cref="Types"/>.</summary>
    public IReadOnlyList<string> TypeNames { get; private set; } = [];

    /// <summary>Names the cell declares at its top level: variables and local functions, which later cells can use.</summary>
    public IReadOnlySet<string> Declared { get; private set; } = new HashSet<string>();

    /// <summary>
    /// Names the cell declares inside a statement of its own (a <c>catch</c> variable, a loop variable, a local in a
    /// nested block), which C# forbids beside the same name in an enclosing scope.
    /// </summary>
    public IReadOnlySet<string> DeclaredInside { get; private set; } = new HashSet<string>();

    /// <summary>The simple names the cell's statements mention, a superset of the variables they use.</summary>
    public IReadOnlySet<string> Used { get; private set; } = new HashSet<string>();

    /// <summary>Takes a C# cell apart.</summary>
    /// <param name="number">The cell's number in the notebook.</param>
    /// <param name="source">The cell's code.</param>
    /// <param name="displayCall">The method that shows a value, such as <c>Notebook.Display</c>.</param>
    /// <exception cref="NotSupportedException">The cell uses something a file-based app cannot express, such as a
    /// magic command or a property declared outside a type.</exception>
    public static CellCode Parse(int number, string source, string displayCall)
    {
        var cell = new CellCode(number);
        var tree = CSharpSyntaxTree.ParseText(source, Script);
        var root = tree.GetCompilationUnitRoot();
        var removed = new List<TextSpan>();
        var edits = new List<(TextSpan Span, string Text)>();

        var references = new List<string>();
        foreach (var trivia in root.DescendantTrivia().Where(t => t.IsDirective))
        {
            var directive = trivia.ToFullString();
            if (trivia.IsKind(SyntaxKind.ReferenceDirectiveTrivia))
            {
                references.Add(AppDirective(number, ((ReferenceDirectiveTriviaSyntax)trivia.GetStructure()!).File.ValueText));
                removed.Add(trivia.FullSpan);
            }
            else if (!trivia.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia) && !trivia.IsKind(SyntaxKind.NullableDirectiveTrivia)
                && !trivia.IsKind(SyntaxKind.RegionDirectiveTrivia) && !trivia.IsKind(SyntaxKind.EndRegionDirectiveTrivia))
            {
                throw new NotSupportedException($"cell {number}: `{directive.Trim()}` has no equivalent in a file-based app");
            }
        }

        cell.References = references;
        cell.Usings = root.Usings.Select(u => u.ToString()).ToArray();
        removed.AddRange(root.Usings.Select(u => TextSpan.FromBounds(u.SpanStart, u.FullSpan.End)));

        var types = new List<string>();
        var typeNames = new List<string>();
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    types.Add(WithoutDirectives(member).Trim('\r', '\n'));
                    typeNames.Add(member is BaseTypeDeclarationSyntax type ? type.Identifier.ValueText : ((DelegateDeclarationSyntax)member).Identifier.ValueText);
                    removed.Add(member.FullSpan);
                    break;
                case GlobalStatementSyntax or MethodDeclarationSyntax { Modifiers.Count: 0 }:
                    break;
                case FieldDeclarationSyntax field when field.Modifiers.All(m => m.IsKind(SyntaxKind.ConstKeyword)):
                    // `const double eps = 1e-6;` in a script is a field; among top-level statements, a local constant.
                    break;
                default:
                    throw new NotSupportedException(
                        $"cell {number}: a {member.Kind()} outside a type has no equivalent among a program's top-level statements");
            }
        }

        cell.Types = types;
        cell.TypeNames = typeNames;
        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
        {
            edits.Add((last.Span, $"{displayCall}({last.Expression});"));
        }

        cell.Statements = Apply(source, removed, edits);
        var statements = root.Members.Where(m => m is not (BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)).ToArray();
        cell.Declared = statements.SelectMany(DeclaredAtTop).ToHashSet(StringComparer.Ordinal);
        cell.DeclaredInside = statements.SelectMany(DeclaredInStatements).ToHashSet(StringComparer.Ordinal);
        cell.Used = statements.SelectMany(m => m.DescendantNodes().OfType<IdentifierNameSyntax>())
            .Where(IsVariableLike)
            .Select(name => name.Identifier.ValueText)
            .ToHashSet(StringComparer.Ordinal);
        return cell;
    }

    /// <summary>
    /// The app's directive for a cell's <c>#r</c>: a build of one of the repository's projects
    /// (<c>../src/Autograd/bin/Debug/net10.0/Autograd.dll</c>) becomes that project, a NuGet package a package.
    /// </summary>
    internal static string AppDirective(int number, string reference)
    {
        if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = reference["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return parts.Length switch
            {
                1 => $"#:package {parts[0]}",
                2 => $"#:package {parts[0]}@{parts[1]}",
                _ => throw new NotSupportedException($"cell {number}: cannot read `#r \"{reference}\"`"),
            };
        }

        var build = BuildOutput().Match(reference.Replace('\\', '/'));
        return build.Success
            ? $"#:project {build.Groups["project"].Value}/{build.Groups["name"].Value}.csproj"
            : throw new NotSupportedException(
                $"cell {number}: `#r \"{reference}\"` is not a project's build output (…/Name/bin/…/Name.dll) nor a NuGet package");
    }

    private static string WithoutDirectives(SyntaxNode node)
    {
        var text = new StringBuilder();
        foreach (var token in node.DescendantTokens())
        {
            foreach (var trivia in token.LeadingTrivia.Where(t => !t.IsDirective))
            {
                text.Append(trivia.ToFullString());
            }

            text.Append(token.Text);
            text.Append(token.TrailingTrivia.ToFullString());
        }

        return text.ToString();
    }

    private static string Apply(string source, List<TextSpan> removed, List<(TextSpan Span, string Text)> edits)
    {
        // Removed parts may nest (a #r line inside a type's leading trivia): remove their union.
        var merged = new List<TextSpan>();
        foreach (var span in removed.OrderBy(span => span.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = TextSpan.FromBounds(merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        var text = new StringBuilder(source);
        foreach (var (span, replacement) in merged.Select(span => (Span: span, Text: "")).Concat(edits).OrderByDescending(change => change.Span.Start))
        {
            text.Remove(span.Start, span.Length).Insert(span.Start, replacement);
        }

        var lines = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines.Select(line => line.TrimEnd()));
    }

    /// <summary>Variables and local functions a top-level member declares for the cells after it.</summary>
    private static IEnumerable<string> DeclaredAtTop(MemberDeclarationSyntax member)
    {
        switch (member)
        {
            case MethodDeclarationSyntax method:
                yield return method.Identifier.ValueText;
                yield break;
            case FieldDeclarationSyntax field:
                foreach (var variable in field.Declaration.Variables)
                {
                    yield return variable.Identifier.ValueText;
                }

                yield break;
            case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                yield return function.Identifier.ValueText;
                yield break;
            case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                foreach (var variable in local.Declaration.Variables)
                {
                    yield return variable.Identifier.ValueText;
                }

                break;
        }

        // Deconstructions (`var (a, b) = …`), out variables and patterns outside any nested statement belong to the
        // enclosing scope too.
        foreach (var designation in member.DescendantNodes().OfType<SingleVariableDesignationSyntax>())
        {
            if (ScopeOf(designation, member) is null)
            {
                yield return designation.Identifier.ValueText;
            }
        }
    }

    /// <summary>Names declared inside a member's nested statements (outside lambdas and local functions).</summary>
    private static IEnumerable<string> DeclaredInStatements(MemberDeclarationSyntax member)
    {
        if (member is MethodDeclarationSyntax)
        {
            // A function's own locals may shadow the names around it.
            yield break;
        }

        foreach (var node in member.DescendantNodes())
        {
            var name = node switch
            {
                VariableDeclaratorSyntax v when node.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax }
                    && node.Parent?.Parent is not FieldDeclarationSyntax => v.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                LocalFunctionStatementSyntax l when node.Parent is not GlobalStatementSyntax => l.Identifier,
                _ => default,
            };
            if (name.ValueText.Length > 0 && ScopeOf(node, member) is not null
                && !node.Ancestors().TakeWhile(a => a != member).Any(IsFunction))
            {
                yield return name.ValueText;
            }
        }
    }

    /// <summary>The nearest node between <paramref name="node"/> and the member that opens a scope of its own.</summary>
    private static SyntaxNode? ScopeOf(SyntaxNode node, MemberDeclarationSyntax member) =>
        node.Ancestors().TakeWhile(a => a != member).FirstOrDefault(a => a is BlockSyntax or ForStatementSyntax
            or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or UsingStatementSyntax
            or FixedStatementSyntax or LockStatementSyntax or SwitchSectionSyntax or SwitchExpressionArmSyntax
            or CatchClauseSyntax or QueryExpressionSyntax or AnonymousFunctionExpressionSyntax
            or LocalFunctionStatementSyntax);

    private static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax;

    /// <summary>Whether a simple name can be a variable: not a member's name after a dot, nor a named argument.</summary>
    private static bool IsVariableLike(IdentifierNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == name,
        NameColonSyntax or NameEqualsSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => false,
        MemberBindingExpressionSyntax => false,
        _ => true,
    };

    // `../src/Autograd/bin/Debug/net10.0/Autograd.dll`: the project folder, then bin/…/, then the assembly.
    [GeneratedRegex(@"^(?<project>(?:\.\./)*(?:[^/]+/)*?(?<folder>[^/]+))/bin/(?:[^/]+/)*(?<name>[^/]+)\.dll$")]
    private static partial Regex BuildOutput();
}
