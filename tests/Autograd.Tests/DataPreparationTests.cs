using Autograd.Data;

namespace Autograd.Tests;

public class DataPreparationTests
{
    [Fact]
    public void A_standardiser_fitted_on_one_set_gives_it_mean_0_and_spread_1_and_applies_the_same_numbers_elsewhere()
    {
        var fit = new Tensor(3, 2, requiresGrad: false);
        fit.SetFrom([1, 5, 2, 5, 6, 5]);   // column 0: mean 3, sample std √7; column 1: constant
        var other = new Tensor(1, 2, requiresGrad: false);
        other.SetFrom([10, 7]);

        var standardiser = Standardiser.Fit(fit);
        var scaled = standardiser.Apply(fit);
        var applied = standardiser.Apply(other);

        Assert.Equal([3, 5], standardiser.Mean.Data);
        Assert.Equal([1 / Math.Sqrt(7), 1], standardiser.Scale.Data);
        Assert.Equal(0, scaled.Data.Where((_, i) => i % 2 == 0).Sum(), 1e-12);
        Assert.Equal([0, 0, 0], scaled.Data.Where((_, i) => i % 2 == 1));
        Assert.Equal([7 / Math.Sqrt(7), 2], applied.Data);
    }

    [Fact]
    public void A_standardiser_refuses_one_row_and_a_different_width_before_any_work()
    {
        var oneRow = Assert.Throws<ArgumentException>(() => Standardiser.Fit(new Tensor(1, 3)));
        var standardiser = Standardiser.Fit(Tensor.Ones(2, 3));
        var width = Assert.Throws<ArgumentException>(() => standardiser.Apply(Tensor.Ones(2, 4)));

        Assert.StartsWith("Standardiser.Fit: 1 row given; measuring a spread needs at least 2.", oneRow.Message);
        Assert.StartsWith("Standardiser.Apply: the data has 4 columns; the standardiser was fitted to 3.", width.Message);
    }

    [Fact]
    public void Shifted_copies_move_each_image_one_pixel_down_up_right_and_left()
    {
        // One 3×2 image (3 wide, 2 high) with pixels 1..6.
        var image = new Tensor(1, 6, requiresGrad: false);
        image.SetFrom([1, 2, 3, 4, 5, 6]);

        var (x, y) = Datasets.WithShiftedCopies(image, [7], width: 3, height: 2);

        Assert.Equal((5, 6), (x.Rows, x.Cols));
        Assert.Equal([7, 7, 7, 7, 7], y);
        Assert.Equal(new double[]
        {
            1, 2, 3, 4, 5, 6,   // unchanged
            0, 0, 0, 1, 2, 3,   // down
            4, 5, 6, 0, 0, 0,   // up
            0, 1, 2, 0, 4, 5,   // right
            2, 3, 0, 5, 6, 0,   // left
        }, x.Data);
        Assert.False(x.RequiresGrad);
    }

    [Fact]
    public void Shifted_copies_refuse_rows_that_are_not_images_of_the_size_given()
    {
        var error = Assert.Throws<ArgumentException>(() => Datasets.WithShiftedCopies(Tensor.Ones(2, 64), [0, 1], 8, 7));
        var labels = Assert.Throws<ArgumentException>(() => Datasets.WithShiftedCopies(Tensor.Ones(2, 64), [0], 8, 8));

        Assert.StartsWith("WithShiftedCopies: images of 8×7 pixels need rows of 56 numbers; these rows have 64.", error.Message);
        Assert.StartsWith("WithShiftedCopies: x has 2 rows but y has 1 classes", labels.Message);
    }
}
