// The application layer's namespaces (ADR 0027): tests name its services as the web project does, without a using per file.
global using CityMaturity.Application.Accounts;
global using CityMaturity.Application.Admin;
global using CityMaturity.Application.Assessments;
global using CityMaturity.Application.Audits;
global using CityMaturity.Application.Benchmarking;
global using CityMaturity.Application.Cycles;
global using CityMaturity.Application.Evidence;
global using CityMaturity.Application.Plans;
global using CityMaturity.Application.Exports;
global using CityMaturity.Application.Indicators;
global using CityMaturity.Application.Live;
global using CityMaturity.Application.Organisations;
global using CityMaturity.Application.Reports;
global using CityMaturity.Application.Results;
global using CityMaturity.Application.Telemetry;
global using CityMaturity.Application.Workshops;

// The per-assessment permissions are a domain rule (AssessmentAccess); pages and endpoints name them often.
global using AssessmentPermission = CityMaturity.Domain.Organisations.AssessmentPermission;
