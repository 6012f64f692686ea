namespace CityMaturity.Domain.Assessments;

/// <summary>The two assessments of every characteristic.</summary>
public enum RatingView
{
    /// <summary>"Level now".</summary>
    Now,

    /// <summary>"Level in 2 years based on current plans".</summary>
    InTwoYears,
}
