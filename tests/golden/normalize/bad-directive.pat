@need phone 0
