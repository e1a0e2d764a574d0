// The generated client against a running service (ESCALATION_FORECAST_URL, ESCALATION_FORECAST_API_KEY): lists the
// theaters, reads one theater's risk as of a day, and reads an unknown theater's, which the service refuses with a
// problem that the client raises as its ProblemDetails exception. Prints one line for each, for the test to check.
using System.Globalization;
using EscalationForecast.Kiota;
using EscalationForecast.Kiota.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var url = Environment.GetEnvironmentVariable("ESCALATION_FORECAST_URL") ?? "http://127.0.0.1:5080";
var (theater, asOf) = (args[0], args[1]);
// Kiota's own API-key provider sends keys over https only; this service under test listens on loopback http.
var http = new HttpClient();
if (Environment.GetEnvironmentVariable("ESCALATION_FORECAST_API_KEY") is { Length: > 0 } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
var client = new ForecastApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = url });

var theaters = await client.Api.V1.Theaters.GetAsync();
Console.WriteLine($"theaters: {theaters!.Items!.Count}");

var risk = await client.Api.V1.Theaters[theater].Risk.GetAsync(r =>
{
    r.QueryParameters.AsOf = asOf;
    r.QueryParameters.HorizonDays = 7;
    r.QueryParameters.AtLeast = "1,3";
});
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"risk: {risk!.TheaterId} asOf={risk.AsOf:yyyy-MM-dd} p1={risk.ProbabilityAtLeastOne:R} p3={risk.ProbabilityAtLeast!.AdditionalData["3"]} level={risk.RiskLevel} drivers={risk.Drivers!.Count} branching={risk.Model!.BranchingRatio:R}"));

try
{
    await client.Api.V1.Theaters["no-such-theater"].Risk.GetAsync();
    Console.WriteLine("problem: none");
}
catch (ProblemDetails problem)
{
    Console.WriteLine($"problem: {problem.Status} {problem.Detail}");
}
