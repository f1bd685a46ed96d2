using System.Globalization;
using Players.Data;

namespace Players.Api.Database;

/// <summary>A database setting that counts something: unset means its default, anything but a whole number above 0 is refused.</summary>
internal static class WholeNumberSetting
{
    /// <exception cref="DatabaseConfigurationException">The value is set but not a whole number from 1 to <paramref name="maximum"/>.</exception>
    public static int Read(IConfiguration configuration, string key, int defaultValue, string unit, int maximum = int.MaxValue)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        var range = maximum == int.MaxValue ? "greater than 0" : $"from 1 to {maximum}";
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= maximum
            ? number
            : throw new DatabaseConfigurationException($"Invalid {key} '{value}': write a whole number of {unit} {range}.");
    }
}
