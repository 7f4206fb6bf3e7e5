"""The impact case study of an initiative, in the form of the UK REF impact case study."""
