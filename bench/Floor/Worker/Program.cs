// The floor's worker does nothing: its run costs only what Aspire's launch of a project resource costs.
return 0;
