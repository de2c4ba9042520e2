namespace Autograd.Data;

/// <summary>Growing a set of small images.</summary>
public static partial class Datasets
{
    /// <summary>
    /// The images, followed by four copies of them moved by one pixel (down, up, right, left; what moves out of the
    /// frame is lost and what comes in is 0), with their labels repeated: five times the data, which teaches a network
    /// that a digit moved a little is still the same digit. Each row of <paramref name="images"/> is one
    /// <paramref name="height"/> × <paramref name="width"/> image, row after row.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The rows are not width × height pixels long, there is not one label per image, or five times the images would
    /// not fit in one tensor.
    /// </exception>
    public static (Tensor X, int[] Y) WithShiftedCopies(Tensor images, int[] labels, int width, int height)
    {
        Batches.CheckPairs(images, labels, nameof(WithShiftedCopies));
        if (width < 1 || height < 1 || (long)width * height != images.Cols)
        {
            throw new ArgumentException(
                $"WithShiftedCopies: images of {width}×{height} pixels need rows of {(long)width * height} numbers; these rows have {images.Cols}.",
                nameof(images));
        }

        (int Down, int Right)[] moves = [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)];
        if ((long)images.Rows * moves.Length * images.Cols > Array.MaxLength)
        {
            throw new ArgumentException(
                $"WithShiftedCopies: five times {images.Rows} images of {images.Cols} pixels is more than one tensor can hold.", nameof(images));
        }

        var source = images.Data;
        var result = new Tensor(images.Rows * moves.Length, images.Cols, requiresGrad: false);
        var pixels = result.Data;
        var resultLabels = new int[images.Rows * moves.Length];
        for (int k = 0; k < moves.Length; k++)
        {
            for (int i = 0; i < images.Rows; i++)
            {
                int row = (k * images.Rows) + i;
                resultLabels[row] = labels[i];
                for (int r = 0; r < height; r++)
                {
                    for (int c = 0; c < width; c++)
                    {
                        int fromRow = r - moves[k].Down;
                        int fromCol = c - moves[k].Right;
                        if (fromRow >= 0 && fromRow < height && fromCol >= 0 && fromCol < width)
                        {
                            pixels[(row * images.Cols) + (width * r) + c] = source[(i * images.Cols) + (width * fromRow) + fromCol];
                        }
                    }
                }
            }
        }

        return (result, resultLabels);
    }
}
