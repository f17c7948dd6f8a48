(require 'mu4e)
(setq message-send-mail-function 'smtpmail-send-it)
(setq mu4e-contexts
      (list
       (make-mu4e-context
        :name "Fastmail"
        :enter-func (lambda ()
                      (setq user-mail-address "me@fastmail.example"
                            smtpmail-smtp-server "smtp.fastmail.example"
                            smtpmail-smtp-service 465
                            smtpmail-stream-type 'ssl
                            smtpmail-smtp-user "me@fastmail.example"))
        :leave-func (lambda () (setq smtpmail-smtp-user nil)))
       (make-mu4e-context
        :name "Office"
        :enter-func (lambda ()
                      (setq user-mail-address "me@office.example")
                      (setq smtpmail-smtp-server "smtp.office.example"
                            smtpmail-smtp-service 587
                            smtpmail-stream-type 'starttls)))))
