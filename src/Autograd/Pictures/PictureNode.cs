namespace Autograd;

/// <summary>
/// One value node of a graph picture: what the writers show for it, the nodes it is joined to, and (once
/// <see cref="GraphLayout"/> has run) where it is drawn. A node that is not a leaf also owns the small operation
/// node drawn just left of it, between its inputs and its box.
/// </summary>
internal sealed class PictureNode(Node node, int id)
{
    /// <summary>The graph node this picture node shows.</summary>
    internal Node Node { get; } = node;

    /// <summary>The order in which a walk from the result first met this node: the result is 0.</summary>
    internal int Id { get; } = id;

    /// <summary>
    /// The title line of the box: the label, or <see langword="null"/> for an unlabelled node, whose box shows only its
    /// lines. The operation is never the title: it is drawn in the operation node beside the box.
    /// </summary>
    internal string? Label { get; } = node.Label;

    /// <summary>What the picture calls the node in its description: the label, else the operation, else "leaf".</summary>
    internal string Name { get; } = node.DisplayName;

    /// <summary>The lines below the title (or the whole box, without one), such as "value -12" and "grad 1"; a matrix node has others.</summary>
    internal IReadOnlyList<string> Lines { get; } = node.PictureLines();

    /// <summary>The operation that produced the node, or <see langword="null"/> for a leaf.</summary>
    internal string? Op { get; } = node.Op;

    /// <summary>Whether gradients flow into the node; pictures draw frozen nodes grey and dashed.</summary>
    internal bool RequiresGrad { get; } = node.RequiresGrad;

    /// <summary>The inputs in argument order; an input used twice (b = a + a) is listed twice.</summary>
    internal List<PictureNode> Inputs { get; } = [];

    /// <summary>The nodes built from this one, once per use.</summary>
    internal List<PictureNode> Consumers { get; } = [];

    /// <summary>The column, counted from 0 on the left.</summary>
    internal int Column { get; set; }

    /// <summary>The centre of the box.</summary>
    internal double X { get; set; }

    /// <summary>The centre of the box, and of the operation node, which is drawn level with it.</summary>
    internal double Y { get; set; }

    /// <summary>The size of the box.</summary>
    internal double Width { get; set; }

    /// <summary>The size of the box.</summary>
    internal double Height { get; set; }

    /// <summary>The centre of the operation node (unused for a leaf).</summary>
    internal double OpX { get; set; }

    /// <summary>Half the width of the operation node (unused for a leaf).</summary>
    internal double OpRadius { get; set; }

    internal double Left => X - (Width / 2);

    internal double Right => X + (Width / 2);

    internal double Top => Y - (Height / 2);

    internal double Bottom => Y + (Height / 2);
}
