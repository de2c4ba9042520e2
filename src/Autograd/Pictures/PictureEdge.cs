namespace Autograd;

/// <summary>
/// One use of a value as an operation's input: an arrow from the value's box to the operation node of
/// <see cref="To"/>. <see cref="GraphLayout"/> sets where it leaves and where it arrives.
/// </summary>
internal sealed class PictureEdge(PictureNode from, PictureNode to, int argument)
{
    /// <summary>The input value.</summary>
    internal PictureNode From { get; } = from;

    /// <summary>The value whose operation takes the input.</summary>
    internal PictureNode To { get; } = to;

    /// <summary>Which argument of the operation this is (0 for the first).</summary>
    internal int Argument { get; } = argument;

    /// <summary>Where the arrow leaves the right side of the input's box.</summary>
    internal double StartY { get; set; }

    /// <summary>Where the arrow meets the left side of the operation node.</summary>
    internal double EndX { get; set; }

    /// <summary>Where the arrow meets the left side of the operation node.</summary>
    internal double EndY { get; set; }

    /// <summary>
    /// How far the middle of the arrow is pulled up (negative) or down from the straight way, to keep apart the arrows
    /// of a value that one operation uses more than once; 0 for the others.
    /// </summary>
    internal double Bend { get; set; }
}
