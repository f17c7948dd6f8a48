(require 'mu4e)
(defun my-mu4e-set-account (address server)
  (setq user-mail-address address
        smtpmail-smtp-server server
        smtpmail-smtp-service 587
        send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it))
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "ivy"
             :enter-func (lambda () (my-mu4e-set-account "ivy@ivy.example" "smtp.ivy.example")))
            (make-mu4e-context
             :name "oak"
             :enter-func (lambda () (my-mu4e-set-account "ivy@oak.example" "smtp.oak.example")))))
