;; expect: .authinfo:1 error authinfo-smtp-auth-unknown
;; status: 78
;; emacs-auth: smtp.example.org 587 alice
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
