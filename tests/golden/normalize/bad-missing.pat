phone
