"""Entity types and contract relations of the graph: names every module shares
(kept apart from graph.py so light modules need not import the extraction)."""

ENTITY_TYPES = ("Enterprise", "GovernmentAgency", "Organization", "Region", "Program", "PolicyDocument",
                "Project", "Person", "Industry")
RELATIONS = ("participatesIn", "undertakes", "cooperatesWith", "acquiredBy", "issuedBy", "locatedIn")
