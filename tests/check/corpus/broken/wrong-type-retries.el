;; elsend refuses a string where smtpmail compares numbers.
;; expect: 8:7 error config-unusable
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
(setq smtpmail-retries "3")
