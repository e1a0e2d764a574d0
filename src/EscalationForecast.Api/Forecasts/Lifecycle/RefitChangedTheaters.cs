using EscalationForecast.Api.Events;
using Microsoft.Extensions.Options;
using Wolverine;

namespace EscalationForecast.Api.Forecasts.Lifecycle;

/// <summary>
/// Asks for a refit of each theater a stored batch changed, after <see cref="ModelOptions.RefitDelaySeconds"/>: an
/// import arrives as a few batches, and the first refit to run fits all of it while the others find the model
/// already current (and <see cref="RefitTheaterHandler"/> paces what keeps coming).
/// </summary>
public static class RefitChangedTheaters
{
    public static async Task Handle(TheaterEventsAppended appended, IMessageContext bus, IOptions<ModelOptions> options)
    {
        var delay = TimeSpan.FromSeconds(options.Value.RefitDelaySeconds);
        foreach (var theaterId in appended.TheaterIds)
        {
            await bus.ScheduleAsync(new RefitTheater(theaterId), delay);
        }
    }
}
