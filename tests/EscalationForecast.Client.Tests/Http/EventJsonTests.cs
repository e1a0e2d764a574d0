using System.Text.Json;
using EscalationForecast.Client.Events;

namespace EscalationForecast.Client.Tests.Http;

public class EventJsonTests
{
    [Fact]
    public void An_incident_is_written_in_camelCase_without_the_fields_that_do_not_apply()
    {
        var item = new EventItem
        {
            Id = "f:2", Type = EventTypes.Incident, TheaterId = "iraq-baghdad", OccurredAt = "2007-02-23",
            Channel = "insurgent", Category = "IED", Severity = 2, Location = new GeoLocation(33.31, 44.37),
        };
        Assert.Equal("""{"id":"f:2","type":"incident","theaterId":"iraq-baghdad","occurredAt":"2007-02-23","channel":"insurgent","category":"IED","severity":2,"location":{"lat":33.31,"lon":44.37}}""",
            JsonSerializer.Serialize(item, EventJson.Options));
    }

    [Fact]
    public void Ceasefires_and_anniversaries_carry_their_own_fields()
    {
        var declared = new EventItem
        {
            Id = "c", Type = EventTypes.CeasefireDeclared, TheaterId = "t", OccurredAt = "2020-10-10", Parties = ["militia"], Name = "truce",
        };
        var ended = new EventItem
        {
            Id = "e", Type = EventTypes.CeasefireEnded, TheaterId = "t", OccurredAt = "2020-11-17", CeasefireId = "c", Reason = "collapsed",
        };
        var anniversary = new EventItem
        {
            Id = "a", Type = EventTypes.Anniversary, TheaterId = "t", Date = "2020-01-03", Name = "n", WindowDays = 5,
        };
        Assert.Equal("""{"id":"c","type":"ceasefire-declared","theaterId":"t","occurredAt":"2020-10-10","parties":["militia"],"name":"truce"}""",
            JsonSerializer.Serialize(declared, EventJson.Options));
        Assert.Equal("""{"id":"e","type":"ceasefire-ended","theaterId":"t","occurredAt":"2020-11-17","ceasefireId":"c","reason":"collapsed"}""",
            JsonSerializer.Serialize(ended, EventJson.Options));
        Assert.Equal("""{"id":"a","type":"anniversary","theaterId":"t","date":"2020-01-03","name":"n","windowDays":5}""",
            JsonSerializer.Serialize(anniversary, EventJson.Options));
    }

    [Fact]
    public void Items_read_back_equal_including_the_location_name()
    {
        var item = new EventItem { Id = "x", Type = "incident", TheaterId = "t", OccurredAt = "2020-01-01", Location = new(1.5, -2.25, "Here") };
        Assert.Equal(item, JsonSerializer.Deserialize<EventItem>(JsonSerializer.Serialize(item, EventJson.Options), EventJson.Options));
    }
}
