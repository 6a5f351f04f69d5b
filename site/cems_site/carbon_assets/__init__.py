"""Carbon assets (T/CSES 146—2024 clauses 3, 6.3, 6.5; issue 12 §5).

ETS allowances per compliance period, carbon credits (CCER and others) with their serial
ranges and retirements, and ISO 14068-1-style neutrality statements. Lives in the project
package because it composes ``cems_registers`` (register base, roles, due items) with
``calculators`` (the approved runs whose emissions count).
"""
