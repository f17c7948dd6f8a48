;;; init.el --- -*- lexical-binding: t -*-

(require 'package)
(package-initialize)

(defvar my/personal-address "sam@rivera.mx")
(defvar my/work-address (concat "s.rivera" "@" "globex" ".com"))

(setq user-full-name "Sam Rivera"
      user-mail-address my/personal-address)

(add-to-list 'load-path "/usr/share/emacs/site-lisp/mu4e")
(require 'mu4e)

(setq mu4e-root-maildir "~/.maildir"
      mu4e-get-mail-command "mbsync -a"
      mu4e-update-interval 300
      mu4e-compose-signature-auto-include nil
      mu4e-context-policy 'pick-first
      mu4e-compose-context-policy nil)

(setq mu4e-contexts
      `(,(make-mu4e-context
          :name "personal"
          :enter-func (lambda () (mu4e-message "Entering personal context"))
          :match-func (lambda (msg)
                        (when msg
                          (mu4e-message-contact-field-matches msg :to ,my/personal-address)))
          :vars `((user-mail-address . ,my/personal-address)
                  (mu4e-sent-folder . "/personal/Sent")
                  (smtpmail-smtp-server . "smtp.fastmail.com")
                  (smtpmail-smtp-service . 465)
                  (smtpmail-stream-type . ssl)))
        ,(make-mu4e-context
          :name "work"
          :match-func (lambda (msg)
                        (when msg
                          (mu4e-message-contact-field-matches msg :to ,my/work-address)))
          :vars `((user-mail-address . ,my/work-address)
                  (mu4e-sent-folder . "/work/Sent")
                  (smtpmail-smtp-server . "smtp.globex.com")
                  (smtpmail-smtp-service . 587)
                  (smtpmail-stream-type . starttls)))))

(setq mu4e-user-mail-address-list (list my/personal-address my/work-address))
(setq mu4e-personal-addresses (list my/personal-address my/work-address))

(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.fastmail.com"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)
