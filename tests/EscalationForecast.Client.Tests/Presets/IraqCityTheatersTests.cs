using EscalationForecast.Client.Presets;

namespace EscalationForecast.Client.Tests.Presets;

public class IraqCityTheatersTests
{
    [Theory]
    [InlineData(33.31, 44.37, "iraq-baghdad")]
    [InlineData(33.42, 43.30, "iraq-ramadi")]
    [InlineData(36.34, 43.13, "iraq-mosul")]
    [InlineData(33.75, 44.64, "iraq-baqubah")]
    [InlineData(33.35, 43.78, "iraq-fallujah")]
    [InlineData(33.55, 44.60, "iraq-baqubah")] // in both Baghdad's and Baqubah's box, nearer Baqubah
    [InlineData(33.52, 44.42, "iraq-baghdad")] // in both, nearer Baghdad
    [InlineData(33.36, 43.54, "iraq-fallujah")] // in both Ramadi's and Fallujah's box, nearer Fallujah
    [InlineData(33.45, 43.54, "iraq-ramadi")] // in both, nearer Ramadi
    [InlineData(33.31, 44.63, "iraq-other")] // east of Baghdad's box, south of Baqubah's
    [InlineData(33.35, 44.07, "iraq-other")] // between Fallujah and Baghdad
    [InlineData(30.51, 47.78, "iraq-other")] // Basra
    public void A_point_goes_to_the_nearest_centre_whose_box_contains_it_else_iraq_other(double lat, double lon, string theater) =>
        Assert.Equal(theater, IraqCityTheaters.TheaterAt(lat, lon));

    [Fact]
    public void Overlapping_boxes_still_give_every_point_one_theater_the_nearest_containing_centre()
    {
        for (double lat = 33.0; lat <= 34.1; lat += 0.01)
        for (double lon = 43.0; lon <= 45.0; lon += 0.01)
        {
            var containing = IraqCityTheaters.Boxes.Where(b => b.Contains(lat, lon)).ToArray();
            var theater = IraqCityTheaters.TheaterAt(lat, lon);
            if (containing.Length == 0)
            {
                Assert.Equal(IraqCityTheaters.Other, theater);
                continue;
            }
            var chosen = containing.Single(b => b.TheaterId == theater);
            Assert.All(containing, b => Assert.True(chosen.DistanceSquared(lat, lon) <= b.DistanceSquared(lat, lon)));
        }
    }

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
