using System.Text;

namespace Autograd;

/// <summary>Prints a graph as an indented tree, result first, without recursion.</summary>
internal static class TreeText
{
    /// <summary>Beyond this many lines the printout stops and says how much was left out.</summary>
    internal const int MaxLines = 500;

    internal static string Render(Scalar root)
    {
        // Gradients are read between backward passes, never halfway through one running on another thread.
        using var walk = Engine.Exclusive();
        var text = new StringBuilder();
        var printed = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var ids = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        int lines = 0;

        // Each entry: the node, the prefix drawn before its own line, and the prefix its inputs continue from.
        var stack = new Stack<(Scalar Node, string Lead, string Indent)>();
        stack.Push((root, "", ""));
        while (stack.Count > 0)
        {
            var (node, lead, indent) = stack.Pop();
            if (lines == MaxLines)
            {
                text.Append(indent).AppendLine("… (the printout stops here: the graph is too large to print whole)");
                break;
            }

            lines++;
            if (!ids.TryGetValue(node, out int id))
            {
                id = ids.Count + 1;
                ids[node] = id;
            }

            text.Append(lead).Append('#').Append(id).Append(' ').Append(Describe(node));
            if (!printed.Add(node))
            {
                // A node used twice is printed in full only the first time.
                text.AppendLine(" (shown above)");
                continue;
            }

            text.AppendLine();
            var inputs = node.Inputs;
            for (int i = inputs.Count - 1; i >= 0; i--)
            {
                bool last = i == inputs.Count - 1;
                stack.Push((inputs[i], indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  ")));
            }
        }

        return text.ToString();
    }

    private static string Describe(Scalar node)
    {
        var name = node.Op ?? "leaf";
        if (node.Label is not null)
        {
            name += $" {node.Label}";
        }

        var frozen = node.RequiresGrad ? "" : " (no grad)";
        return $"{name}: value={NumberText.Format(node.Value)} grad={NumberText.Format(node.Grad)}{frozen}";
    }
}
