;;; init.el -*- lexical-binding: t -*-
;; (address split up so scrapers don't get it)

(setq user-full-name (string-join '("Ada" "Lindqvist") " "))
(setq user-mail-address (concat "ada" "@" "lindqvist" "." "io"))
(setq-default mail-host-address (car (last (split-string user-mail-address "@"))))

(setq smtpmail-smtp-server (format "smtp.%s" mail-host-address)
      smtpmail-smtp-service (string-to-number "587")
      smtpmail-smtp-user (downcase "ADA@LINDQVIST.IO"))

(customize-set-variable 'send-mail-function #'smtpmail-send-it)
(customize-set-variable 'smtpmail-stream-type 'starttls "Set by init.el")

(setq message-signature
      (mapconcat #'identity (list user-full-name "https://lindqvist.io") "\n"))

(let ((sources (list "~/.authinfo.gpg")))
  (when (file-exists-p "~/.netrc")
    (setq sources (append sources '("~/.netrc"))))
  (setq auth-sources sources))

(setq mail-envelope-from (if (string-match-p "lindqvist" user-mail-address) 'header nil))
