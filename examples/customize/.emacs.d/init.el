;;; init.el --- Customize style: M-x customize wrote the block below

(custom-set-variables
 ;; custom-set-variables was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-default-smtp-server "smtp.example.org")
 '(smtpmail-smtp-service 465)
 '(smtpmail-stream-type 'ssl)
 '(user-full-name "Bob Example")
 '(user-mail-address "bob@example.net"))
(custom-set-faces)
