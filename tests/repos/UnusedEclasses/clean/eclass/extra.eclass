# inherited by nothing in the trigger repository
