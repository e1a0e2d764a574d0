using EscalationForecast.Client.Presets;

namespace EscalationForecast.Client.Tests.Presets;

public class IraqCityTheatersTests
{
    [Fact]
    public void No_two_boxes_overlap_so_every_point_has_one_theater()
    {
        var boxes = IraqCityTheaters.Boxes;
        foreach (var (a, i) in boxes.Select((b, i) => (b, i)))
        foreach (var b in boxes.Skip(i + 1))
        {
            var reach = a.HalfWidth + b.HalfWidth;
            Assert.True(Math.Abs(a.Lat - b.Lat) > reach || Math.Abs(a.Lon - b.Lon) > reach, $"{a.City} overlaps {b.City}");
        }
    }

    [Theory]
    [InlineData(33.31, 44.37, "iraq-baghdad")]
    [InlineData(33.42, 43.30, "iraq-ramadi")]
    [InlineData(36.34, 43.13, "iraq-mosul")]
    [InlineData(33.75, 44.64, "iraq-baqubah")]
    [InlineData(33.35, 43.78, "iraq-fallujah")]
    [InlineData(33.50, 44.56, "iraq-baghdad")] // inside the wider Baghdad box, near its corner
    [InlineData(33.31, 44.60, "iraq-other")] // east of Baghdad's box
    [InlineData(33.35, 44.00, "iraq-other")] // between Fallujah and Baghdad
    [InlineData(30.51, 47.78, "iraq-other")] // Basra
    public void A_point_goes_to_the_box_that_contains_it_else_iraq_other(double lat, double lon, string theater) =>
        Assert.Equal(theater, IraqCityTheaters.TheaterAt(lat, lon));

    [Fact]
    public void Box_edges_are_inclusive()
    {
        // 0.25 and 0.125 are exact in binary, so these points sit exactly on an edge.
        var box = new CityBox("t", "T", 33.0, 44.0, 0.25);
        Assert.True(box.Contains(33.25, 43.75));
        Assert.False(box.Contains(33.25 + 1e-9, 44.0));
        Assert.True(new CityBox("u", "U", 36.0, 43.0, 0.125).Contains(35.875, 43.125));
    }
}
