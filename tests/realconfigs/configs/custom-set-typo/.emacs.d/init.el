;;; init.el

(require 'package)
(package-initialize)

(setq user-mail-address "emma@wilson.nz")

(custom-set-variables
 '(column-number-mode t)
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-smtp-server "smtp.wilson.nz")
 '(smtpmail-smtp-servce 587)
 '(smtpmail-stream-type 'starttls)
 '(user-full-name "Emma Wilson")
 '(tool-bar-mode nil))

(setq smtpmail-smtp-service 587)
